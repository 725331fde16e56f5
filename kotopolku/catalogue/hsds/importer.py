"""Importing HSDS 3.0 into the catalogue: idempotent, keyed by the HSDS ids.

The catalogue's ``uuid`` *is* the HSDS ``id`` (HSDS 3.0 ids are UUIDs; an id that is not one is
mapped to a stable UUID derived from it, so re-importing finds the same row). Each import unit
(a taxonomy, term, organisation, location or service with what it owns) is checked field by
field in Python first; a unit with any bad value is refused with its reasons and nothing of it
is written. Units are written in batches inside a savepoint; should the database still refuse a
batch, its units are retried one by one, each in its own savepoint, so that a bad service never
leaves a half-imported service behind and never stops the rest.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.utils.text import slugify

from kotopolku.audit.services import audit_record
from kotopolku.catalogue.enums import FeeKind, PhoneType
from kotopolku.catalogue.hsds.parse import Dataset, Row
from kotopolku.catalogue.hsds.plan import NOT_KEPT, Plan, Unit, make_plan
from kotopolku.catalogue.hsds.serialize import language_name
from kotopolku.catalogue.models import (
    Accessibility,
    Address,
    Contact,
    CostOption,
    Language,
    Location,
    LocationTranslation,
    OrganisationProfile,
    OrganisationTranslation,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceClassification,
    ServiceTranslation,
    Taxonomy,
    TaxonomyTerm,
)
from kotopolku.core.text import one_line, text_problem
from kotopolku.organisations.enums import OrganisationKind
from kotopolku.organisations.models import Municipality, Organisation
from kotopolku.organisations.validators import normalise_business_id

HELSINKI = ZoneInfo("Europe/Helsinki")
CHUNK = 500
_ID_NAMESPACE = uuid.UUID("0d9b8f3e-54a1-5b61-8d0e-2f6f7f1c9a20")
FALLBACK_TAXONOMY_KEY = "hsds-import"

# Write order: what is referred to before what refers to it.
MODEL_ORDER: tuple[type[models.Model], ...] = (
    Taxonomy,
    TaxonomyTerm,
    Organisation,
    OrganisationProfile,
    OrganisationTranslation,
    Location,
    LocationTranslation,
    Service,
    ServiceTranslation,
    ServiceAtLocation,
    Contact,
    Phone,
    Language,
    Schedule,
    Address,
    Accessibility,
    CostOption,
    RequiredDocument,
    ServiceArea,
    ServiceClassification,
)
_REFERENCES = {
    "services": (("organization_id", "organizations"),),
    "locations": (("organization_id", "organizations"),),
    "taxonomy_terms": (("taxonomy_id", "taxonomies"), ("parent_id", "taxonomy_terms")),
}
TABLE_LABEL = {
    "taxonomies": "taxonomy",
    "taxonomy_terms": "taxonomy_term",
    "organizations": "organization",
    "locations": "location",
    "services": "service",
}


def catalogue_uuid(ident: str) -> uuid.UUID:
    """The catalogue UUID of an HSDS id: the id itself, or a stable UUID derived from it."""
    try:
        return uuid.UUID(ident)
    except ValueError:
        return uuid.uuid5(_ID_NAMESPACE, ident)


@dataclass
class Refusal:
    table: str
    ident: str
    reasons: list[str]


@dataclass
class ImportReport:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    refused: list[Refusal] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    not_kept: Counter[str] = field(default_factory=Counter)
    _seen: set[str] = field(default_factory=set, repr=False)

    def warn(self, message: str) -> None:
        if message not in self._seen:
            self._seen.add(message)
            self.warnings.append(message)

    def counts(self) -> dict[str, Any]:
        return {
            "created": dict(self.created),
            "updated": dict(self.updated),
            "unchanged": dict(self.unchanged),
            "refused": len(self.refused),
        }


class Refused(Exception):
    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


# --- checking values ----------------------------------------------------------------------

_FIELDS: dict[tuple[type[models.Model], str], models.Field] = {}  # type: ignore[type-arg]


def _field(model: type[models.Model], name: str) -> models.Field:  # type: ignore[type-arg]
    key = (model, name)
    if key not in _FIELDS:
        _FIELDS[key] = model._meta.get_field(name)  # type: ignore[assignment]
    return _FIELDS[key]


class Checker:
    """Collects per-field problems of one unit while building its values."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def value(self, model: type[models.Model], name: str, value: Any, where: str) -> Any:
        """``value`` cleaned by the model field (type, length, choices, validators)."""
        model_field = _field(model, name)
        if isinstance(value, str):
            if text_problem(value, multiline=True):
                self.problems.append(f"{where}.{name}: control or text-direction override characters")
                return ""
            if isinstance(model_field, models.CharField):
                value = one_line(value)
        if value is None:
            if model_field.null:
                return None
            value = "" if isinstance(model_field, models.CharField | models.TextField) else None
            if value is None:
                return model_field.get_default()
        if (
            type(model_field) in (models.CharField, models.TextField)
            and not model_field.choices
            and not getattr(model_field, "_validators", None)  # only the length check
        ):
            # The common case, checked without the full field machinery.
            if not isinstance(value, str):
                self.problems.append(f"{where}.{name}: expected text")
                return ""
            if not value and not model_field.blank:
                self.problems.append(f"{where}.{name}: required")
            elif model_field.max_length is not None and len(value) > model_field.max_length:
                self.problems.append(
                    f"{where}.{name}: at most {model_field.max_length} characters (it has {len(value)})"
                )
                return ""
            return value
        try:
            return model_field.clean(value, None)
        except ValidationError as exc:
            self.problems.append(f"{where}.{name}: {' '.join(str(m) for m in exc.messages)}")
            return model_field.get_default()

    def require(self, condition: bool, message: str) -> None:
        if not condition:
            self.problems.append(message)


# --- the batch of writes --------------------------------------------------------------------


class Batch:
    """Rows to create and update, by model; flushed in ``MODEL_ORDER``."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self.new: dict[type[models.Model], list[models.Model]] = defaultdict(list)
        self.changed: dict[type[models.Model], dict[int, models.Model]] = defaultdict(dict)
        self.changed_fields: dict[type[models.Model], set[str]] = defaultdict(set)
        # Rows no longer listed by re-imported records, deleted in one query per (model, owner):
        # (model, owner field) → (owner pks, uuids to keep). UUIDs are unique, so one keep-list serves.
        self.stale: dict[tuple[type[models.Model], str], tuple[set[int], set[uuid.UUID]]] = {}
        self.counts: list[tuple[str, str]] = []

    def put(
        self, model: type[models.Model], existing: models.Model | None, values: dict[str, Any], **create: Any
    ) -> Any:
        label = model._meta.model_name or model.__name__
        if existing is None:
            obj = model(**create, **values)
            self.new[model].append(obj)
            self.counts.append(("created", label))
            return obj
        changed = []
        for name, value in values.items():
            model_field = _field(model, name)
            if model_field.is_relation:
                current = getattr(existing, model_field.attname)
                wanted = value.pk if value is not None else None
                if wanted is None and value is not None:  # related row created in this batch
                    setattr(existing, name, value)
                    changed.append(name)
                    continue
            else:
                current = getattr(existing, name)
                wanted = value
            if current != wanted:
                setattr(existing, name, value)
                changed.append(name)
        if changed:
            self.changed[model][id(existing)] = existing
            self.changed_fields[model].update(changed)
            self.counts.append(("updated", label))
        else:
            self.counts.append(("unchanged", label))
        return existing

    def flush(self) -> None:
        for model in MODEL_ORDER:
            rows = self.new.get(model)
            if rows:
                for row in rows:  # related rows created earlier in this flush now have their pk
                    for model_field in model._meta.concrete_fields:
                        if model_field.is_relation and model_field.name in row._state.fields_cache:
                            related = row._state.fields_cache[model_field.name]
                            if related is not None:
                                setattr(row, model_field.attname, related.pk)
                model._default_manager.bulk_create(rows, batch_size=500)
            changed = self.changed.get(model)
            if changed:
                fields = sorted(self.changed_fields[model])
                for row in changed.values():
                    for name in fields:
                        model_field = _field(model, name)
                        if model_field.is_relation:
                            related = getattr(row, name)
                            setattr(row, model_field.attname, related.pk if related is not None else None)
                if "updated_at" not in fields and any(
                    f.name == "updated_at" for f in model._meta.concrete_fields
                ):
                    now = dt.datetime.now(dt.UTC)
                    for row in changed.values():
                        row.updated_at = now  # type: ignore[attr-defined]
                    fields.append("updated_at")
                model._default_manager.bulk_update(list(changed.values()), fields, batch_size=500)
        for (model, owner_field), (owners, kept) in self.stale.items():
            model._default_manager.filter(**{f"{owner_field}__in": owners}).exclude(uuid__in=kept).delete()

    def commit_counts(self) -> None:
        for kind, label in self.counts:
            getattr(self.report, kind)[label] += 1


# --- the importer -------------------------------------------------------------------------


class Importer:
    def __init__(self, *, language: str, report: ImportReport, progress: Callable[[int], Any] | None) -> None:
        self.language = language
        self.report = report
        self.progress = progress
        self.known: dict[type[models.Model], dict[uuid.UUID, Any]] = defaultdict(dict)
        # Looked up and not in the database (so not asked again); rows created later go to ``known``.
        self.absent: dict[type[models.Model], set[uuid.UUID]] = defaultdict(set)
        self.term_codes: dict[tuple[int, str], uuid.UUID] = {}
        self.municipalities: dict[str, Municipality] | None = None
        self.refused: set[tuple[str, str]] = set()

    # lookups -------------------------------------------------------------------------

    def load(self, model: type[models.Model], uuids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Any]:
        known, absent = self.known[model], self.absent[model]
        wanted = {key for key in uuids if key not in known and key not in absent}
        if wanted:
            for row in model._default_manager.filter(uuid__in=wanted):
                known[row.uuid] = row  # type: ignore[attr-defined]
            absent.update(wanted - known.keys())
        return known

    # running ---------------------------------------------------------------------------

    def run(self, dataset: Dataset) -> None:
        for problem in dataset.file_problems:
            self.report.refused.append(Refusal("file", "", [problem]))
        for table, where in dataset.unidentified:
            self.report.refused.append(Refusal(table, "", [where]))
        for table in NOT_KEPT:
            if dataset.rows(table):
                self.report.not_kept[table] += len(dataset.rows(table))
        plan = make_plan(dataset)
        for orphan in plan.orphans:
            self.report.warn(orphan)
        for table, build in (
            ("taxonomies", self.taxonomy),
            ("taxonomy_terms", self.taxonomy_term),
            ("organizations", self.organisation),
            ("locations", self.location),
            ("services", self.service),
        ):
            units = plan.units[table]
            for start in range(0, len(units), CHUNK):
                self.write_chunk(units[start : start + CHUNK], build, dataset, plan)
            if table == "taxonomy_terms":
                self.link_term_parents(units)
            if table == "organizations":
                self.link_organisation_parents(units)

    def write_chunk(
        self, units: list[Unit], build: Callable[..., None], dataset: Dataset, plan: Plan
    ) -> None:
        self.prefetch(units)
        batch = Batch(self.report)
        accepted: list[Unit] = []
        for unit in units:
            if self.try_build(unit, build, batch, dataset, plan):
                accepted.append(unit)
        if not accepted:
            self.tick(len(units))
            return
        try:
            with transaction.atomic():
                batch.flush()
        except (DatabaseError, ValidationError, ValueError):
            # Something only the database could see: retry unit by unit to find it.
            self.forget(accepted)
            for unit in accepted:
                single = Batch(self.report)
                self.prefetch([unit])
                if not self.try_build(unit, build, single, dataset, plan):
                    continue
                try:
                    with transaction.atomic():
                        single.flush()
                except (DatabaseError, ValidationError, ValueError) as exc:
                    self.forget([unit])
                    self.refuse(unit, [f"the database refused it: {str(exc).splitlines()[0][:300]}"])
                else:
                    single.commit_counts()
        else:
            batch.commit_counts()
        self.tick(len(units))

    def tick(self, count: int) -> None:
        if self.progress is not None:
            self.progress(count)

    def try_build(
        self, unit: Unit, build: Callable[..., None], batch: Batch, dataset: Dataset, plan: Plan
    ) -> bool:
        if unit.problems:
            self.refuse(unit, unit.problems)
            return False
        trial = Batch(self.report)
        try:
            build(unit, trial, dataset)
        except Refused as exc:
            self.forget([unit])
            self.refuse(unit, exc.reasons)
            return False
        for model, rows in trial.new.items():
            batch.new[model].extend(rows)
        for model, changed in trial.changed.items():
            batch.changed[model].update(changed)
            batch.changed_fields[model].update(trial.changed_fields[model])
        for key, (owners, kept) in trial.stale.items():
            batch_owners, batch_kept = batch.stale.setdefault(key, (set(), set()))
            batch_owners.update(owners)
            batch_kept.update(kept)
        batch.counts.extend(trial.counts)
        return True

    def refuse(self, unit: Unit, reasons: list[str]) -> None:
        self.refused.add((unit.table, unit.ident))
        self.report.refused.append(
            Refusal(TABLE_LABEL.get(unit.table, unit.table), unit.ident, list(reasons))
        )

    def forget(self, units: list[Unit]) -> None:
        """Drop cached rows of these units: they may hold values that were never saved."""
        for unit in units:
            for _table, ident in unit.rows():
                key = catalogue_uuid(ident)
                for rows in self.known.values():
                    rows.pop(key, None)

    def prefetch(self, units: list[Unit]) -> None:
        by_table: dict[str, set[uuid.UUID]] = defaultdict(set)
        for unit in units:
            for table, ident in unit.rows():
                by_table[table].add(catalogue_uuid(ident))
            # What the unit refers to, loaded in the same queries.
            for column, target in _REFERENCES.get(unit.table, ()):
                if unit.row.get(column):
                    by_table[target].add(catalogue_uuid(unit.row[column]))
            for _ident, item, _owner, _owner_id in unit.owned.get("service_at_location", []):
                if item.get("location_id"):
                    by_table["locations"].add(catalogue_uuid(item["location_id"]))
            for _ident, item, _owner, _owner_id in unit.owned.get("attributes", []):
                if item.get("taxonomy_term_id"):
                    by_table["taxonomy_terms"].add(catalogue_uuid(item["taxonomy_term_id"]))
        if units and units[0].table == "taxonomy_terms":
            codes = {str(unit.row.get("code") or unit.ident) for unit in units}
            for taxonomy_id, code, key in TaxonomyTerm.objects.filter(code__in=codes).values_list(
                "taxonomy_id", "code", "uuid"
            ):
                self.term_codes[(taxonomy_id, code)] = key
        for table, model in (
            ("taxonomies", Taxonomy),
            ("taxonomy_terms", TaxonomyTerm),
            ("organizations", Organisation),
            ("locations", Location),
            ("services", Service),
            ("service_at_location", ServiceAtLocation),
            ("contacts", Contact),
            ("phones", Phone),
            ("languages", Language),
            ("schedules", Schedule),
            ("addresses", Address),
            ("accessibility", Accessibility),
            ("cost_options", CostOption),
            ("required_documents", RequiredDocument),
            ("service_areas", ServiceArea),
            ("attributes", ServiceClassification),
        ):
            if by_table.get(table):
                self.load(model, by_table[table])
        top = [catalogue_uuid(unit.ident) for unit in units]
        table = units[0].table if units else ""
        if table == "services":
            self._translations(ServiceTranslation, "service", top)
        elif table == "locations":
            self._translations(LocationTranslation, "location", top)
        elif table == "organizations":
            self._translations(OrganisationTranslation, "organisation", top)
            for profile in OrganisationProfile.objects.filter(organisation__uuid__in=top).select_related(
                "organisation"
            ):
                self.known[OrganisationProfile][profile.organisation.uuid] = profile

    def _translations(self, model: type[models.Model], owner: str, uuids: list[uuid.UUID]) -> None:
        rows = model._default_manager.filter(
            **{f"{owner}__uuid__in": uuids, "language": self.language}
        ).select_related(owner)
        for row in rows:
            self.known[model][getattr(row, owner).uuid] = row

    def municipality_named(self, name: str) -> Municipality | None:
        """A Finnish municipality by its Finnish or Swedish name (a service area that is one)."""
        if self.municipalities is None:
            self.municipalities = {}
            for municipality in Municipality.objects.all():
                self.municipalities.setdefault(municipality.name_sv.casefold(), municipality)
                self.municipalities[municipality.name_fi.casefold()] = municipality
        return self.municipalities.get(name.strip().casefold())

    # references ----------------------------------------------------------------------

    def reference(
        self, model: type[models.Model], table: str, ident: str | None, checker: Checker, where: str
    ) -> Any:
        if not ident:
            return None
        if (table, ident) in self.refused:
            checker.problems.append(f"{where}: {TABLE_LABEL.get(table, table)} {ident} was refused")
            return None
        key = catalogue_uuid(ident)
        found = self.load(model, [key]).get(key)
        if found is None:
            checker.problems.append(f"{where}: unknown {TABLE_LABEL.get(table, table)} {ident}")
        return found

    # builders ------------------------------------------------------------------------

    def taxonomy(self, unit: Unit, batch: Batch, dataset: Dataset) -> None:
        row, check, key = unit.row, Checker(), catalogue_uuid(unit.ident)
        existing = self.known[Taxonomy].get(key)
        name = check.value(Taxonomy, "name_fi", row.get("name"), "taxonomy")
        values: dict[str, Any] = {
            f"name_{self.language}" if self.language in ("fi", "sv", "en") else "name_en": name,
            "description": check.value(Taxonomy, "description", row.get("description"), "taxonomy"),
            "uri": check.value(Taxonomy, "uri", row.get("uri"), "taxonomy"),
            "version": check.value(Taxonomy, "version", row.get("version"), "taxonomy"),
        }
        if existing is None or not existing.name_fi:
            values["name_fi"] = name
        create: dict[str, Any] = {"uuid": key}
        if existing is None:
            slug = slugify(str(name or ""))[:80] or "taxonomy"
            if Taxonomy.objects.filter(key=slug).exists():
                slug = f"{slug[:70]}-{str(key)[:8]}"
            create["key"] = slug
        if check.problems:
            raise Refused(check.problems)
        self.known[Taxonomy][key] = batch.put(Taxonomy, existing, values, **create)

    def _fallback_taxonomy(self) -> Taxonomy:
        taxonomy, _created = Taxonomy.objects.get_or_create(
            key=FALLBACK_TAXONOMY_KEY,
            defaults={
                "uuid": uuid.uuid5(_ID_NAMESPACE, FALLBACK_TAXONOMY_KEY),
                "name_fi": "HSDS-tuonti",
                "name_en": "HSDS import",
                "name_sv": "HSDS-import",
            },
        )
        return taxonomy

    def taxonomy_term(self, unit: Unit, batch: Batch, dataset: Dataset) -> None:
        row, check, key = unit.row, Checker(), catalogue_uuid(unit.ident)
        existing = self.known[TaxonomyTerm].get(key)
        if row.get("taxonomy_id"):
            taxonomy = self.reference(
                Taxonomy, "taxonomies", row["taxonomy_id"], check, "taxonomy_term.taxonomy_id"
            )
        else:
            taxonomy = existing.taxonomy if existing is not None else self._fallback_taxonomy()
        code = check.value(TaxonomyTerm, "code", row.get("code") or unit.ident, "taxonomy_term")
        language = self.language if self.language in ("fi", "sv", "en") else "en"
        values: dict[str, Any] = {
            "taxonomy": taxonomy,
            "code": code,
            f"label_{language}": check.value(
                TaxonomyTerm, f"label_{language}", row.get("name"), "taxonomy_term"
            ),
            f"description_{language}": row.get("description") or "",
            "uri": check.value(TaxonomyTerm, "uri", row.get("term_uri"), "taxonomy_term"),
        }
        if taxonomy is not None and taxonomy.pk is not None and code:
            holder = self.term_codes.get((taxonomy.pk, code))
            check.require(
                holder in (None, key),
                f"taxonomy_term.code: {code} is already another term's code in this taxonomy",
            )
        if check.problems:
            raise Refused(check.problems)
        term = batch.put(TaxonomyTerm, existing, values, uuid=key)
        term._hsds_parent = row.get("parent_id")
        self.known[TaxonomyTerm][key] = term

    def link_term_parents(self, units: list[Unit]) -> None:
        changed = []
        for unit in units:
            term = self.known[TaxonomyTerm].get(catalogue_uuid(unit.ident))
            parent_id = unit.row.get("parent_id")
            if term is None or term.pk is None or (unit.table, unit.ident) in self.refused:
                continue
            parent = None
            if parent_id:
                key = catalogue_uuid(parent_id)
                parent = self.load(TaxonomyTerm, [key]).get(key)
                if parent is None or parent.pk is None:
                    self.report.warn(f"taxonomy_term {unit.ident}: parent {parent_id} is not known")
                    continue
            if term.parent_id != (parent.pk if parent else None):
                term.parent = parent
                changed.append(term)
        if changed:
            TaxonomyTerm.objects.bulk_update(changed, ["parent"], batch_size=500)

    def organisation(self, unit: Unit, batch: Batch, dataset: Dataset) -> None:
        row, check, key = unit.row, Checker(), catalogue_uuid(unit.ident)
        existing = self.known[Organisation].get(key)
        lang = self.language
        name = check.value(Organisation, "name", row.get("name"), "organization")
        values: dict[str, Any] = {
            "email": check.value(Organisation, "email", row.get("email"), "organization"),
            "website": check.value(Organisation, "website", row.get("website"), "organization"),
        }
        if lang == "fi" or existing is None:
            values["name"] = name
        if lang in ("sv", "en"):
            values[f"name_{lang}"] = check.value(
                Organisation, f"name_{lang}", row.get("name"), "organization"
            )
        for ident, item, _owner, _owner_id in unit.owned.get("organization_identifiers", []):
            scheme = f"{item.get('identifier_scheme') or ''} {item.get('identifier_type') or ''}".lower()
            if "fi-ytj" in scheme or "y-tunnus" in scheme or "business" in scheme:
                try:
                    values["business_id"] = normalise_business_id(str(item.get("identifier") or ""))
                except ValidationError:
                    check.problems.append(
                        f"organization_identifiers {ident}: not a valid Finnish business ID"
                    )
            else:
                self.report.not_kept["organization_identifiers"] += 1
        if values.get("business_id"):
            clash = Organisation.objects.filter(business_id=values["business_id"]).exclude(uuid=key).exists()
            check.require(not clash, "organization_identifiers: another organisation has this business ID")
        create: dict[str, Any] = {"uuid": key}
        if existing is None:
            create["kind"] = _organisation_kind(row.get("legal_status") or "")
        profile_values = {
            "legal_status": check.value(
                OrganisationProfile, "legal_status", row.get("legal_status"), "organization"
            ),
            "tax_status": check.value(
                OrganisationProfile, "tax_status", row.get("tax_status"), "organization"
            ),
            "year_incorporated": check.value(
                OrganisationProfile, "year_incorporated", row.get("year_incorporated"), "organization"
            ),
            "logo": check.value(OrganisationProfile, "logo", row.get("logo"), "organization"),
            "uri": check.value(OrganisationProfile, "uri", row.get("uri"), "organization"),
        }
        text_values = {
            "name": check.value(OrganisationTranslation, "name", row.get("name"), "organization"),
            "alternate_name": check.value(
                OrganisationTranslation, "alternate_name", row.get("alternate_name"), "organization"
            ),
            "description": row.get("description") or "",
        }
        owned = self._owned_contacts_phones(unit, check, owner_field="organisation")
        if check.problems:
            raise Refused(check.problems)
        organisation = batch.put(Organisation, existing, values, **create)
        self.known[Organisation][key] = organisation
        profile = self.known[OrganisationProfile].get(key)
        if profile is not None or any(value not in (None, "") for value in profile_values.values()):
            self.known[OrganisationProfile][key] = batch.put(
                OrganisationProfile, profile, profile_values, organisation=organisation
            )
        if text_values["name"] == organisation.name_in(lang):
            text_values["name"] = ""  # kept on the organisation itself
        if text_values["alternate_name"] and text_values["alternate_name"] == organisation.short_name:
            text_values["alternate_name"] = ""  # the export's stand-in: the short name
        translation = self.known[OrganisationTranslation].get(key)
        if translation is not None or any(text_values.values()):
            self._put_translation(
                batch, OrganisationTranslation, "organisation", organisation, key, text_values
            )
        owned(batch, organisation)
        if existing is not None:
            self._delete_stale(batch, dataset, unit, existing, "organisation", ("phones", "contacts"))

    def link_organisation_parents(self, units: list[Unit]) -> None:
        changed = []
        for unit in units:
            parent_id = unit.row.get("parent_organization_id")
            key = catalogue_uuid(unit.ident)
            if (unit.table, unit.ident) in self.refused or key not in self.known[Organisation]:
                continue
            parent = None
            if parent_id:
                parent_key = catalogue_uuid(parent_id)
                parent = self.load(Organisation, [parent_key]).get(parent_key)
                if parent is None:
                    self.report.warn(f"organization {unit.ident}: parent {parent_id} is not known")
                    continue
            profile = self.known[OrganisationProfile].get(key)
            if (
                profile is not None
                and profile.pk is not None
                and profile.parent_id != (parent.pk if parent else None)
            ):
                profile.parent = parent
                changed.append(profile)
        if changed:
            OrganisationProfile.objects.bulk_update(changed, ["parent"], batch_size=500)

    def location(self, unit: Unit, batch: Batch, dataset: Dataset) -> None:
        row, check, key = unit.row, Checker(), catalogue_uuid(unit.ident)
        existing = self.known[Location].get(key)
        organisation = None
        if row.get("organization_id"):
            organisation_key = catalogue_uuid(row["organization_id"])
            organisation = self.load(Organisation, [organisation_key]).get(organisation_key)
            if organisation is None:
                self.report.warn(
                    f"location {unit.ident}: organization {row['organization_id']} is not known; left out"
                )
        values: dict[str, Any] = {"organisation": organisation}
        for name in ("location_type", "url", "external_identifier", "external_identifier_type"):
            values[name] = check.value(Location, name, row.get(name), "location")
        for name in ("latitude", "longitude"):
            number = row.get(name)
            limit = 90 if name == "latitude" else 180
            if number is not None and not -limit <= number <= limit:
                self.report.warn(f"location {unit.ident}: {name} {number} is out of range; left out")
                number = None
            values[name] = check.value(Location, name, _decimal(number, 6), "location")
        text_values = {
            "name": check.value(LocationTranslation, "name", row.get("name") or "", "location"),
            "alternate_name": check.value(
                LocationTranslation, "alternate_name", row.get("alternate_name"), "location"
            ),
            "description": row.get("description") or "",
            "transportation": row.get("transportation") or "",
        }
        owned = self._owned_location_rows(unit, check)
        if check.problems:
            raise Refused(check.problems)
        location = batch.put(Location, existing, values, uuid=key)
        self.known[Location][key] = location
        self._put_translation(batch, LocationTranslation, "location", location, key, text_values)
        owned(batch, location)
        if existing is not None:
            self._delete_stale(
                batch,
                dataset,
                unit,
                existing,
                "location",
                ("addresses", "accessibility", "phones", "contacts", "languages", "schedules"),
            )

    def service(self, unit: Unit, batch: Batch, dataset: Dataset) -> None:
        row, check, key = unit.row, Checker(), catalogue_uuid(unit.ident)
        existing = self.known[Service].get(key)
        organisation = self.reference(
            Organisation, "organizations", row.get("organization_id"), check, "service.organization_id"
        )
        values: dict[str, Any] = {"organisation": organisation}
        for name in ("status", "url", "email", "minimum_age", "maximum_age"):
            values[name] = check.value(Service, name, row.get(name), "service")
        check.require(bool(row.get("status")), "service.status: required")
        if values["minimum_age"] is not None and values["maximum_age"] is not None:
            check.require(
                values["minimum_age"] <= values["maximum_age"], "service: minimum_age is above maximum_age"
            )
        fees = row.get("fees")
        if fees in FeeKind.values:
            values["fees"] = fees
        assured = row.get("assured_date")
        checked = existing.last_checked_at if existing is not None else None
        if assured is not None and not (checked and checked.astimezone(HELSINKI).date() == assured):
            # HSDS has the date only: a time already kept for that date stays.
            values["last_checked_at"] = dt.datetime.combine(assured, dt.time(), tzinfo=HELSINKI)
        text_values: dict[str, Any] = {
            name: check.value(ServiceTranslation, name, row.get(name), "service")
            for name in ServiceTranslation.TEXT_FIELDS
        }
        owned = self._owned_service_rows(unit, check)
        if check.problems:
            raise Refused(check.problems)
        service = batch.put(Service, existing, values, uuid=key)
        self.known[Service][key] = service
        self._put_translation(batch, ServiceTranslation, "service", service, key, text_values)
        owned(batch, service)
        if existing is not None:
            self._delete_stale(
                batch,
                dataset,
                unit,
                existing,
                "service",
                (
                    "service_at_location",
                    "phones",
                    "contacts",
                    "languages",
                    "schedules",
                    "cost_options",
                    "required_documents",
                    "service_areas",
                    "attributes",
                ),
            )

    # owned rows ------------------------------------------------------------------------

    def _put_translation(
        self,
        batch: Batch,
        model: type[models.Model],
        owner: str,
        parent: Any,
        key: uuid.UUID,
        values: dict[str, Any],
    ) -> None:
        existing = self.known[model].get(key)
        if existing is not None and any(getattr(existing, name) != value for name, value in values.items()):
            values = {**values, "version": existing.version + 1}
        self.known[model][key] = batch.put(
            model, existing, values, **{owner: parent, "language": self.language}
        )

    def _texts(self, existing: Any, values: dict[str, str | None]) -> dict[str, dict[str, str]]:
        texts: dict[str, dict[str, str]] = {
            k: dict(v) for k, v in ((existing.texts if existing else {}) or {}).items()
        }
        fields = dict(texts.get(self.language, {}))
        for name, value in values.items():
            if value:
                fields[name] = value
            else:
                fields.pop(name, None)
        if fields:
            texts[self.language] = fields
        else:
            texts.pop(self.language, None)
        return texts

    def _simple(
        self,
        model: type[models.Model],
        ident: str,
        batch: Batch,
        values: dict[str, Any],
        texts: dict[str, str | None] | None = None,
    ) -> Any:
        key = catalogue_uuid(ident)
        existing = self.known[model].get(key)
        if texts is not None:
            values = {**values, "texts": self._texts(existing, texts)}
        obj = batch.put(model, existing, values, uuid=key)
        self.known[model][key] = obj
        return obj

    def _contact_values(self, item: Row, check: Checker, where: str) -> dict[str, Any]:
        return {
            name: check.value(Contact, name, item.get(name), where)
            for name in ("name", "title", "department", "email")
        }

    def _phone_values(
        self, item: Row, check: Checker, where: str
    ) -> tuple[dict[str, Any], dict[str, str | None]]:
        phone_type = item.get("type")
        if phone_type and phone_type not in PhoneType.values:
            self.report.warn(f"{where}: phone type {phone_type!r} is not one the catalogue knows; left out")
            phone_type = None
        values = {
            "number": check.value(Phone, "number", item.get("number"), where),
            "extension": check.value(Phone, "extension", item.get("extension"), where),
            "type": check.value(Phone, "type", phone_type, where),
        }
        return values, {"description": item.get("description")}

    def _language_values(self, item: Row, check: Checker, where: str) -> dict[str, Any] | None:
        code = str(item.get("code") or "").strip().lower()
        if not code:
            self.report.warn(f"{where}: a language without a code; left out")
            return None
        name = item.get("name")
        if name and name == language_name(code, self.language):
            name = ""  # the code's own name: the catalogue derives it
        return {
            "code": check.value(Language, "code", code, where),
            "name": check.value(Language, "name", name, where),
            "note": check.value(Language, "note", item.get("note"), where),
        }

    def _schedule_values(
        self, item: Row, check: Checker, where: str
    ) -> tuple[dict[str, Any], dict[str, str | None]]:
        values: dict[str, Any] = {}
        for name in (
            "valid_from",
            "valid_to",
            "opens_at",
            "closes_at",
            "freq",
            "interval",
            "byday",
            "bymonthday",
            "byweekno",
            "byyearday",
            "wkst",
            "dtstart",
            "until",
            "count",
            "timezone",
            "schedule_link",
            "attending_type",
        ):
            values[name] = check.value(Schedule, name, item.get(name), where)
        if values["valid_from"] and values["valid_to"]:
            check.require(
                values["valid_from"] <= values["valid_to"], f"{where}: valid_from is after valid_to"
            )
        return values, {"description": item.get("description"), "notes": item.get("notes")}

    def _owned_rows(self, unit: Unit, table: str) -> list[tuple[str, Row, str, str]]:
        return list(unit.owned.get(table, []))

    def _contacts_and_phones(
        self, unit: Unit, check: Checker
    ) -> tuple[
        list[tuple[str, dict[str, Any], str, str]],
        list[tuple[str, dict[str, Any], dict[str, str | None], str, str]],
    ]:
        contacts = [
            (ident, self._contact_values(item, check, f"contacts {ident}"), owner, owner_id)
            for ident, item, owner, owner_id in self._owned_rows(unit, "contacts")
        ]
        phones = []
        for ident, item, owner, owner_id in self._owned_rows(unit, "phones"):
            values, texts = self._phone_values(item, check, f"phones {ident}")
            phones.append((ident, values, texts, owner, owner_id))
        return contacts, phones

    def _languages(self, unit: Unit, check: Checker) -> list[tuple[str, dict[str, Any], str, str]]:
        found = []
        seen: set[tuple[str, str, str]] = set()
        for ident, item, owner, owner_id in self._owned_rows(unit, "languages"):
            values = self._language_values(item, check, f"languages {ident}")
            if values is None:
                continue
            if owner == "services" and (owner, owner_id, values["code"]) in seen:
                self.report.warn(f"languages {ident}: the service already has {values['code']}; left out")
                continue
            seen.add((owner, owner_id, values["code"]))
            found.append((ident, values, owner, owner_id))
        return found

    def _owned_contacts_phones(
        self, unit: Unit, check: Checker, *, owner_field: str
    ) -> Callable[[Batch, Any], None]:
        contacts, phones = self._contacts_and_phones(unit, check)
        languages = self._languages(unit, check)

        def write(batch: Batch, top: Any) -> None:
            self._write_owned(
                batch, {(unit.table, unit.ident): top}, (unit.table, top), contacts, phones, languages
            )

        return write

    _OWNER_FIELD = {
        "services": "service",
        "locations": "location",
        "organizations": "organisation",
        "service_at_location": "service_at_location",
        "contacts": "contact",
        "phones": "phone",
    }
    _OWNER_FIELDS_OF: dict[type[models.Model], tuple[str, ...]] = {
        Contact: ("organisation", "service", "service_at_location", "location"),
        Phone: ("organisation", "service", "location", "contact", "service_at_location"),
        Language: ("service", "location", "phone"),
        Schedule: ("service", "location", "service_at_location"),
    }

    def _owner_values(
        self,
        model: type[models.Model],
        objects: dict[tuple[str, str], Any],
        fallback: tuple[str, Any],
        owner: str,
        owner_id: str,
    ) -> dict[str, Any]:
        target = objects.get((owner, owner_id))
        if target is None:
            owner, target = fallback
        wanted = self._OWNER_FIELD[owner]
        return {name: (target if name == wanted else None) for name in self._OWNER_FIELDS_OF[model]}

    def _write_owned(
        self,
        batch: Batch,
        objects: dict[tuple[str, str], Any],
        fallback: tuple[str, Any],
        contacts: list[tuple[str, dict[str, Any], str, str]],
        phones: list[tuple[str, dict[str, Any], dict[str, str | None], str, str]],
        languages: list[tuple[str, dict[str, Any], str, str]],
    ) -> None:
        for ident, values, owner, owner_id in contacts:
            owners = self._owner_values(Contact, objects, fallback, owner, owner_id)
            objects[("contacts", ident)] = self._simple(Contact, ident, batch, {**values, **owners})
        for ident, values, texts, owner, owner_id in phones:
            owners = self._owner_values(Phone, objects, fallback, owner, owner_id)
            objects[("phones", ident)] = self._simple(Phone, ident, batch, {**values, **owners}, texts)
        for ident, values, owner, owner_id in languages:
            owners = self._owner_values(Language, objects, fallback, owner, owner_id)
            self._simple(Language, ident, batch, {**values, **owners})

    def _owned_location_rows(self, unit: Unit, check: Checker) -> Callable[[Batch, Any], None]:
        contacts, phones = self._contacts_and_phones(unit, check)
        languages = self._languages(unit, check)
        addresses = []
        for ident, item, _owner, _owner_id in self._owned_rows(unit, "addresses"):
            where = f"addresses {ident}"
            addresses.append(
                (
                    ident,
                    {
                        name: check.value(Address, name, item.get(name), where)
                        for name in (
                            "address_type",
                            "attention",
                            "address_1",
                            "address_2",
                            "postal_code",
                            "city",
                            "region",
                            "state_province",
                            "country",
                        )
                    },
                )
            )
        accessibility = [
            (ident, check.value(Accessibility, "url", item.get("url"), f"accessibility {ident}"), item)
            for ident, item, _owner, _owner_id in self._owned_rows(unit, "accessibility")
        ]
        schedules = []
        for ident, item, owner, owner_id in self._owned_rows(unit, "schedules"):
            values, texts = self._schedule_values(item, check, f"schedules {ident}")
            schedules.append((ident, values, texts, owner, owner_id))

        def write(batch: Batch, location: Any) -> None:
            objects: dict[tuple[str, str], Any] = {("locations", unit.ident): location}
            fallback = ("locations", location)
            self._write_owned(batch, objects, fallback, contacts, phones, languages)
            for ident, values in addresses:
                self._simple(Address, ident, batch, {**values, "location": location})
            for ident, url, item in accessibility:
                self._simple(
                    Accessibility,
                    ident,
                    batch,
                    {"url": url, "location": location},
                    {"description": item.get("description"), "details": item.get("details")},
                )
            for ident, values, texts, owner, owner_id in schedules:
                owners = self._owner_values(Schedule, objects, fallback, owner, owner_id)
                self._simple(Schedule, ident, batch, {**values, **owners}, texts)

        return write

    def _owned_service_rows(self, unit: Unit, check: Checker) -> Callable[[Batch, Any], None]:
        sals = []
        for ident, item, _owner, _owner_id in self._owned_rows(unit, "service_at_location"):
            location = self.reference(
                Location, "locations", item.get("location_id"), check, f"service_at_location {ident}"
            )
            check.require(
                bool(item.get("location_id")), f"service_at_location {ident}: location_id is required"
            )
            sals.append((ident, location, item.get("description")))
        contacts, phones = self._contacts_and_phones(unit, check)
        languages = self._languages(unit, check)
        schedules = []
        for ident, item, owner, owner_id in self._owned_rows(unit, "schedules"):
            values, texts = self._schedule_values(item, check, f"schedules {ident}")
            schedules.append((ident, values, texts, owner, owner_id))
        costs = []
        for ident, item, _owner, _owner_id in self._owned_rows(unit, "cost_options"):
            where = f"cost_options {ident}"
            values = {
                "amount": check.value(CostOption, "amount", _decimal(item.get("amount"), 2), where),
                "currency": check.value(CostOption, "currency", item.get("currency"), where),
                "valid_from": check.value(CostOption, "valid_from", item.get("valid_from"), where),
                "valid_to": check.value(CostOption, "valid_to", item.get("valid_to"), where),
            }
            costs.append(
                (
                    ident,
                    values,
                    {"option": item.get("option"), "amount_description": item.get("amount_description")},
                )
            )
        documents = [
            (
                ident,
                position,
                check.value(RequiredDocument, "uri", item.get("uri"), f"required_documents {ident}"),
                item,
            )
            for position, (ident, item, _owner, _owner_id) in enumerate(
                self._owned_rows(unit, "required_documents")
            )
        ]
        areas = []
        seen_municipalities: set[int] = set()
        for ident, item, _owner, _owner_id in self._owned_rows(unit, "service_areas"):
            where = f"service_areas {ident}"
            name = item.get("name") or ""
            if not name:
                self.report.warn(f"{where}: a service area without a name; left out")
                continue
            values = {
                n: check.value(ServiceArea, n, item.get(n), where)
                for n in ("name", "extent", "extent_type", "uri")
            }
            municipality = self.municipality_named(name)
            if municipality is not None:
                if municipality.pk in seen_municipalities:
                    self.report.warn(f"{where}: the service already has {name}; left out")
                    continue
                seen_municipalities.add(municipality.pk)
                values.update(name="", municipality=municipality)
            else:
                values["municipality"] = None
            areas.append((ident, values, item.get("description")))
        classifications = []
        seen_terms: set[int] = set()
        for ident, item, _owner, _owner_id in self._owned_rows(unit, "attributes"):
            where = f"attributes {ident}"
            term = self.reference(TaxonomyTerm, "taxonomy_terms", item.get("taxonomy_term_id"), check, where)
            if term is not None and term.pk in seen_terms:
                self.report.warn(f"{where}: the service already has this term; left out")
                continue
            if term is not None:
                seen_terms.add(term.pk)
            classifications.append(
                (ident, term, check.value(ServiceClassification, "value", item.get("value"), where))
            )

        def write(batch: Batch, service: Any) -> None:
            objects: dict[tuple[str, str], Any] = {("services", unit.ident): service}
            fallback = ("services", service)
            for ident, location, description in sals:
                objects[("service_at_location", ident)] = self._simple(
                    ServiceAtLocation,
                    ident,
                    batch,
                    {"service": service, "location": location},
                    {"description": description},
                )
            self._write_owned(batch, objects, fallback, contacts, phones, languages)
            for ident, values, texts, owner, owner_id in schedules:
                owners = self._owner_values(Schedule, objects, fallback, owner, owner_id)
                self._simple(Schedule, ident, batch, {**values, **owners}, texts)
            for ident, values, option_texts in costs:
                self._simple(CostOption, ident, batch, {**values, "service": service}, option_texts)
            for ident, position, uri, item in documents:
                self._simple(
                    RequiredDocument,
                    ident,
                    batch,
                    {"uri": uri, "position": position, "service": service},
                    {"document": item.get("document")},
                )
            for ident, values, description in areas:
                self._simple(
                    ServiceArea, ident, batch, {**values, "service": service}, {"description": description}
                )
            for ident, term, value in classifications:
                self._simple(
                    ServiceClassification, ident, batch, {"service": service, "term": term, "value": value}
                )

        return write

    def _delete_stale(
        self, batch: Batch, dataset: Dataset, unit: Unit, top: Any, owner_field: str, tables: tuple[str, ...]
    ) -> None:
        models_by_table = {
            "service_at_location": ServiceAtLocation,
            "phones": Phone,
            "contacts": Contact,
            "languages": Language,
            "schedules": Schedule,
            "cost_options": CostOption,
            "required_documents": RequiredDocument,
            "service_areas": ServiceArea,
            "attributes": ServiceClassification,
            "addresses": Address,
            "accessibility": Accessibility,
        }
        for table in tables:
            if table not in dataset.mentioned:
                continue
            keep = [catalogue_uuid(ident) for ident, _row, _owner, _owner_id in unit.owned.get(table, [])]
            owners, kept = batch.stale.setdefault((models_by_table[table], owner_field), (set(), set()))
            owners.add(top.pk)
            kept.update(keep)


def _decimal(value: Any, places: int) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places))


def _organisation_kind(legal_status: str) -> str:
    text = legal_status.lower()
    if any(word in text for word in ("company", "limited", "oy", "ab ", "ltd", "inc")):
        return OrganisationKind.COMPANY
    if any(word in text for word in ("municipal", "kunta", "kaupunki", "city")):
        return OrganisationKind.MUNICIPAL_SERVICE
    if any(word in text for word in ("state", "valtio", "authority", "virasto")):
        return OrganisationKind.STATE_AUTHORITY
    if any(word in text for word in ("school", "university", "oppilaitos", "yliopisto")):
        return OrganisationKind.EDUCATIONAL
    return OrganisationKind.NGO


def hsds_import(
    *,
    datasets: list[tuple[str, Dataset]],
    language: str = "fi",
    by: Any = None,
    progress: Callable[[int], Any] | None = None,
) -> ImportReport:
    """Import parsed HSDS datasets (one after the other) and audit the import."""
    report = ImportReport()
    with transaction.atomic():
        for _source, dataset in datasets:
            Importer(language=language, report=report, progress=progress).run(dataset)
        audit_record(
            actor=by,
            action="catalogue.hsds_import",
            target_type="catalogue.hsds",
            purpose="HSDS import",
            details={**report.counts(), "sources": len(datasets), "language": language},
        )
    return report


def unit_count(datasets: list[tuple[str, Dataset]]) -> int:
    return sum(len(dataset.rows(table)) for _s, dataset in datasets for table in TABLE_LABEL)
