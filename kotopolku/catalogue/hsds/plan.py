"""Grouping a parsed HSDS dataset into import units (pure Python).

A unit is one top-level record (taxonomy, taxonomy term, organisation, location or service)
with the rows it owns; it is imported, or refused, as a whole. HSDS lets one row hang off several
parents (a phone listed under a service, its location and its contact); the catalogue gives each
phone, contact, language and schedule exactly one owner, chosen from the parents present in the
dataset in a fixed order of preference (the most specific first).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kotopolku.catalogue.hsds.parse import Dataset, Row

# Owner preference per owned table: (column, owner table).
OWNERS: dict[str, tuple[tuple[str, str], ...]] = {
    "contacts": (
        ("service_at_location_id", "service_at_location"),
        ("service_id", "services"),
        ("location_id", "locations"),
        ("organization_id", "organizations"),
    ),
    "phones": (
        ("contact_id", "contacts"),
        ("service_at_location_id", "service_at_location"),
        ("service_id", "services"),
        ("location_id", "locations"),
        ("organization_id", "organizations"),
    ),
    "languages": (("service_id", "services"), ("location_id", "locations"), ("phone_id", "phones")),
    "schedules": (
        ("service_at_location_id", "service_at_location"),
        ("service_id", "services"),
        ("location_id", "locations"),
    ),
    "addresses": (("location_id", "locations"),),
    "accessibility": (("location_id", "locations"),),
    "service_at_location": (("service_id", "services"),),
    "cost_options": (("service_id", "services"),),
    "required_documents": (("service_id", "services"),),
    "service_areas": (("service_id", "services"),),
    "organization_identifiers": (("organization_id", "organizations"),),
}
# Owned tables in the order they are resolved (an owner before what it owns).
OWNED_ORDER = (
    "service_at_location",
    "contacts",
    "phones",
    "languages",
    "schedules",
    "addresses",
    "accessibility",
    "cost_options",
    "required_documents",
    "service_areas",
    "organization_identifiers",
)
TOP_LEVEL = ("taxonomies", "taxonomy_terms", "organizations", "locations", "services")
# What the catalogue does not keep (reported, not imported).
NOT_KEPT = ("funding", "programs", "metadata", "meta_table_descriptions")


@dataclass
class Unit:
    table: str
    ident: str
    row: Row
    # owned table → [(id, row, owner table, owner id)]
    owned: dict[str, list[tuple[str, Row, str, str]]] = field(default_factory=lambda: defaultdict(list))
    problems: list[str] = field(default_factory=list)

    def rows(self) -> list[tuple[str, str]]:
        found = [(self.table, self.ident)]
        for table, items in self.owned.items():
            found.extend((table, ident) for ident, _row, _owner, _owner_id in items)
        return found


@dataclass
class Plan:
    units: dict[str, list[Unit]]
    # (table, id) → (owner table, owner id)
    owner_of: dict[tuple[str, str], tuple[str, str]]
    orphans: list[str]
    classifications: dict[str, list[tuple[str, Row]]]  # service id → [(attribute id, row)]


def make_plan(dataset: Dataset) -> Plan:
    units: dict[str, list[Unit]] = {table: [] for table in TOP_LEVEL}
    by_key: dict[tuple[str, str], Unit] = {}
    for table in TOP_LEVEL:
        for ident, row in dataset.rows(table).items():
            unit = Unit(table, ident, row)
            units[table].append(unit)
            by_key[(table, ident)] = unit
    owner_of: dict[tuple[str, str], tuple[str, str]] = {}
    unit_of: dict[tuple[str, str], Unit] = dict(by_key)
    orphans: list[str] = []
    for table in OWNED_ORDER:
        for ident, row in dataset.rows(table).items():
            owner = None
            for column, owner_table in OWNERS[table]:
                owner_id = row.get(column)
                if owner_id and (owner_table, owner_id) in unit_of:
                    owner = (owner_table, owner_id)
                    break
            if owner is None:
                orphans.append(f"{table} {ident}: none of its owners is in this import")
                continue
            owner_of[(table, ident)] = owner
            unit = unit_of[owner]
            unit.owned[table].append((ident, row, owner[0], owner[1]))
            unit_of[(table, ident)] = unit
    classifications: dict[str, list[tuple[str, Row]]] = defaultdict(list)
    for ident, row in dataset.rows("attributes").items():
        link = row.get("link_id")
        if row.get("taxonomy_term_id") and link and ("services", link) in by_key:
            classifications[link].append((ident, row))
            by_key[("services", link)].owned["attributes"].append((ident, row, "services", link))
        else:
            orphans.append(f"attributes {ident}: only a service's taxonomy terms are kept")
    # Problems found while parsing refuse the unit the row belongs to.
    for (table, ident), messages in dataset.problems.items():
        found = unit_of.get((table, ident))
        if found is None and table == "attributes":
            link = dataset.rows("attributes").get(ident, {}).get("link_id")
            found = by_key.get(("services", link)) if link else None
        if found is not None:
            found.problems.extend(messages)
    return Plan(units=units, owner_of=owner_of, orphans=orphans, classifications=dict(classifications))
