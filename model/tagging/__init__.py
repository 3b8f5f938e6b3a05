"""The tagger wing: text -> word pieces in windows (``encoding``), the network (``network``),
and the class that runs it at inference (``tagger``).

Nothing here is imported by ``import model``: torch loads only when a tagger is built.
"""

TAGGER_FILE = "tagger.json"  # label map, word shapes, head and inference settings
META_FILE = "meta.json"  # how the model was trained
