"""Plumbing every PeerCert app may use: the job queue, send-once mail and "someone asks, a person
decides, the asker is told", rate limits, prepared lookups, shared content blocks and response
helpers. The lowest layer: it imports no other project app."""
