"""Writes for the employer tools and trainees' share links, one module per feature: api_keys,
roster, bulk (CSV verification), share_links, access (asking for the tools). Keyword-only,
typed; errors as module constants that views and tests reuse. Reads are in employers.selectors,
e-mails in employers.notifications."""
