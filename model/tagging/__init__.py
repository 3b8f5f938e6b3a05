"""The tagger wing: text -> word pieces in windows (``encoding``), the network (``network``),
and the class that runs it at inference (``tagger``).

Nothing here is imported by ``import model``: torch loads only when a tagger is built.
"""
