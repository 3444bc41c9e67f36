"""The domain: catalog, forms, applications, outbox, storage, identity, technician rules.

May import protocol/ and libraries; never Qt, ui/, sync/, devices/, central/ or app/.
"""

__version__ = "0.1.0"
