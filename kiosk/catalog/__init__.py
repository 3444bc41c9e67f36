"""Service catalog: model, local store with pinyin search, sample catalog."""

from kiosk.catalog.model import (
    Catalog,
    CatalogInvalid,
    Category,
    Channel,
    Department,
    Fee,
    FieldType,
    FormField,
    IdentityRequirement,
    LifeEvent,
    Material,
    MaterialForm,
    Option,
    PrefillSource,
    Service,
    ServiceType,
)

__all__ = [
    "Catalog",
    "CatalogInvalid",
    "Category",
    "Channel",
    "Department",
    "Fee",
    "FieldType",
    "FormField",
    "IdentityRequirement",
    "LifeEvent",
    "Material",
    "MaterialForm",
    "Option",
    "PrefillSource",
    "Service",
    "ServiceType",
]
