// The question editor's answer lists are ListBlocks used on their own (a BlockField), not inside
// a StreamField. Wagtail's block controller names the root block's element once it has rendered
// (`block.element.id = ...`), but a ListBlock keeps its element only as `container` (jQuery), so
// the controller threw "Cannot set properties of undefined (setting 'id')" for every list and
// never announced the editor as ready. This definition gives the rendered list its element.
(() => {
  const { ListBlockDefinition } = window.wagtailStreamField.blocks;

  class EditorListBlockDefinition extends ListBlockDefinition {
    render(...args) {
      const block = super.render(...args);
      if (!block.element && block.container) {
        block.element = block.container.get(0);
      }
      return block;
    }
  }

  window.telepath.register('peercert.EditorListBlock', EditorListBlockDefinition);
})();
