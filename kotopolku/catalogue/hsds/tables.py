"""The HSDS 3.0 tables: their fields, types, and how the nested JSON form maps onto them.

HSDS comes in two shapes: nested JSON objects (a service with its phones, schedules, locations…)
and the tabular datapackage (one CSV per table, rows linked by ``<table>_id`` columns). The parser
turns both into the same flat tables described here, so the importer handles one shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Field types. Anything not listed is a string.
STRING, INTEGER, NUMBER, DATE, DATETIME, TIME = "string", "integer", "number", "date", "datetime", "time"


@dataclass(frozen=True)
class Table:
    name: str  # the table name, as in the CSV file name without ".csv"
    fields: tuple[str, ...]
    types: dict[str, str] = field(default_factory=dict)
    required: tuple[str, ...] = ("id",)
    # Nested JSON arrays: key → (child table, the child's column that points back to this row).
    children: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Nested JSON objects: key → (table, this row's column that points to it).
    references: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def csv_name(self) -> str:
        return f"{self.name}.csv"

    def type_of(self, column: str) -> str:
        return self.types.get(column, STRING)


_ATTRIBUTES = {"attributes": ("attributes", "link_id"), "metadata": ("metadata", "resource_id")}

TABLES: dict[str, Table] = {
    table.name: table
    for table in (
        Table(
            "organizations",
            (
                "id",
                "name",
                "alternate_name",
                "description",
                "email",
                "website",
                "tax_status",
                "tax_id",
                "year_incorporated",
                "legal_status",
                "logo",
                "uri",
                "parent_organization_id",
            ),
            types={"year_incorporated": NUMBER},
            required=("id", "name", "description"),
            children={
                "funding": ("funding", "organization_id"),
                "contacts": ("contacts", "organization_id"),
                "phones": ("phones", "organization_id"),
                "locations": ("locations", "organization_id"),
                "programs": ("programs", "organization_id"),
                "organization_identifiers": ("organization_identifiers", "organization_id"),
                "services": ("services", "organization_id"),
                **_ATTRIBUTES,
            },
        ),
        Table(
            "services",
            (
                "id",
                "organization_id",
                "program_id",
                "name",
                "alternate_name",
                "description",
                "url",
                "email",
                "status",
                "interpretation_services",
                "application_process",
                "fees_description",
                "wait_time",
                "fees",
                "accreditations",
                "eligibility_description",
                "minimum_age",
                "maximum_age",
                "assured_date",
                "assurer_email",
                "licenses",
                "alert",
                "last_modified",
            ),
            types={
                "minimum_age": NUMBER,
                "maximum_age": NUMBER,
                "assured_date": DATE,
                "last_modified": DATETIME,
            },
            required=("id", "name", "status"),
            children={
                "phones": ("phones", "service_id"),
                "schedules": ("schedules", "service_id"),
                "service_areas": ("service_areas", "service_id"),
                "service_at_locations": ("service_at_location", "service_id"),
                "languages": ("languages", "service_id"),
                "funding": ("funding", "service_id"),
                "cost_options": ("cost_options", "service_id"),
                "required_documents": ("required_documents", "service_id"),
                "contacts": ("contacts", "service_id"),
                **_ATTRIBUTES,
            },
            references={
                "organization": ("organizations", "organization_id"),
                "program": ("programs", "program_id"),
            },
        ),
        Table(
            "locations",
            (
                "id",
                "location_type",
                "url",
                "organization_id",
                "name",
                "alternate_name",
                "description",
                "transportation",
                "latitude",
                "longitude",
                "external_identifier",
                "external_identifier_type",
            ),
            types={"latitude": NUMBER, "longitude": NUMBER},
            required=("id", "location_type"),
            children={
                "languages": ("languages", "location_id"),
                "addresses": ("addresses", "location_id"),
                "contacts": ("contacts", "location_id"),
                "accessibility": ("accessibility", "location_id"),
                "phones": ("phones", "location_id"),
                "schedules": ("schedules", "location_id"),
                **_ATTRIBUTES,
            },
        ),
        Table(
            "service_at_location",
            ("id", "service_id", "location_id", "description"),
            children={
                "contacts": ("contacts", "service_at_location_id"),
                "phones": ("phones", "service_at_location_id"),
                "schedules": ("schedules", "service_at_location_id"),
                "service_areas": ("service_areas", "service_at_location_id"),
                **_ATTRIBUTES,
            },
            references={
                "location": ("locations", "location_id"),
                "service": ("services", "service_id"),
            },
        ),
        Table(
            "schedules",
            (
                "id",
                "service_id",
                "location_id",
                "service_at_location_id",
                "valid_from",
                "valid_to",
                "dtstart",
                "timezone",
                "until",
                "count",
                "wkst",
                "freq",
                "interval",
                "byday",
                "byweekno",
                "bymonthday",
                "byyearday",
                "description",
                "opens_at",
                "closes_at",
                "schedule_link",
                "attending_type",
                "notes",
            ),
            types={
                "valid_from": DATE,
                "valid_to": DATE,
                "dtstart": DATE,
                "until": DATE,
                "timezone": NUMBER,
                "count": INTEGER,
                "interval": NUMBER,
                "opens_at": TIME,
                "closes_at": TIME,
            },
            children=dict(_ATTRIBUTES),
        ),
        Table(
            "phones",
            (
                "id",
                "location_id",
                "service_id",
                "organization_id",
                "contact_id",
                "service_at_location_id",
                "number",
                "extension",
                "type",
                "description",
            ),
            types={"extension": NUMBER},
            required=("id", "number"),
            children={"languages": ("languages", "phone_id"), **_ATTRIBUTES},
        ),
        Table(
            "languages",
            ("id", "service_id", "location_id", "phone_id", "name", "code", "note"),
            children=dict(_ATTRIBUTES),
        ),
        Table(
            "addresses",
            (
                "id",
                "location_id",
                "attention",
                "address_1",
                "address_2",
                "city",
                "region",
                "state_province",
                "postal_code",
                "country",
                "address_type",
            ),
            required=("id", "address_1", "city", "state_province", "postal_code", "country", "address_type"),
            children=dict(_ATTRIBUTES),
        ),
        Table(
            "contacts",
            (
                "id",
                "organization_id",
                "service_id",
                "service_at_location_id",
                "location_id",
                "name",
                "title",
                "department",
                "email",
            ),
            children={"phones": ("phones", "contact_id"), **_ATTRIBUTES},
        ),
        Table(
            "cost_options",
            (
                "id",
                "service_id",
                "valid_from",
                "valid_to",
                "option",
                "currency",
                "amount",
                "amount_description",
            ),
            types={"valid_from": DATE, "valid_to": DATE, "amount": NUMBER},
            children=dict(_ATTRIBUTES),
        ),
        Table(
            "required_documents",
            ("id", "service_id", "document", "uri"),
            children=dict(_ATTRIBUTES),
        ),
        Table(
            "service_areas",
            (
                "id",
                "service_id",
                "service_at_location_id",
                "name",
                "description",
                "extent",
                "extent_type",
                "uri",
            ),
            children=dict(_ATTRIBUTES),
        ),
        Table(
            "taxonomies",
            ("id", "name", "description", "uri", "version"),
            required=("id", "name", "description"),
            children={"metadata": ("metadata", "resource_id")},
        ),
        Table(
            "taxonomy_terms",
            (
                "id",
                "code",
                "name",
                "description",
                "parent_id",
                "taxonomy",
                "language",
                "taxonomy_id",
                "term_uri",
            ),
            required=("id", "name", "description"),
            children={"metadata": ("metadata", "resource_id")},
            references={"taxonomy_detail": ("taxonomies", "taxonomy_id")},
        ),
        Table(
            "attributes",
            ("id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"),
            required=("id",),
            children={"metadata": ("metadata", "resource_id")},
            references={"taxonomy_term": ("taxonomy_terms", "taxonomy_term_id")},
        ),
        Table(
            "accessibility",
            ("id", "location_id", "description", "details", "url"),
            children=dict(_ATTRIBUTES),
        ),
        Table("funding", ("id", "organization_id", "service_id", "source"), children=dict(_ATTRIBUTES)),
        Table(
            "programs",
            ("id", "organization_id", "name", "alternate_name", "description"),
            required=("id", "organization_id", "name", "description"),
            children=dict(_ATTRIBUTES),
        ),
        Table(
            "organization_identifiers",
            ("id", "organization_id", "identifier_scheme", "identifier_type", "identifier"),
            children=dict(_ATTRIBUTES),
        ),
        Table(
            "metadata",
            (
                "id",
                "resource_id",
                "resource_type",
                "last_action_date",
                "last_action_type",
                "field_name",
                "previous_value",
                "replacement_value",
                "updated_by",
            ),
            types={"last_action_date": DATE},
        ),
        Table("meta_table_descriptions", ("id", "name", "language", "character_set")),
    )
}

# The entity a nested ``attributes``/``metadata`` row links to, by the parent table.
LINK_ENTITY = {
    "organizations": "organization",
    "services": "service",
    "locations": "location",
    "service_at_location": "service_at_location",
    "schedules": "schedule",
    "phones": "phone",
    "languages": "language",
    "addresses": "address",
    "contacts": "contact",
    "cost_options": "cost_option",
    "required_documents": "required_document",
    "service_areas": "service_area",
    "taxonomies": "taxonomy",
    "taxonomy_terms": "taxonomy_term",
    "accessibility": "accessibility",
    "funding": "funding",
    "programs": "program",
    "organization_identifiers": "organization_identifier",
}
