"""Conflict-event extraction library: typed core, labels, span decoding, tagger, events."""
