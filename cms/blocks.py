"""Migration-safe alias: migrations written before the blocks moved to `core.blocks` name
`cms.blocks.ParagraphBlock`; new code imports `core.blocks`."""

from core.blocks import *  # noqa: F403
from core.blocks import ParagraphBlock  # noqa: F401
