"""Demo data: the Lapland network, its two service points and their partner organisations."""

from __future__ import annotations

from dataclasses import dataclass

from kotopolku.organisations.enums import OrganisationKind
from kotopolku.organisations.models import Municipality, Network, Organisation, ServicePoint
from kotopolku.organisations.services import municipalities_load


@dataclass(frozen=True)
class DemoOrganisation:
    short_name: str
    name: str
    name_sv: str
    name_en: str
    kind: str
    business_id: str = ""
    municipality_code: str | None = None
    website: str = ""


# Business IDs are given only where they are the organisation's published one.
PARTNERS = [
    DemoOrganisation(
        "Kela",
        "Kansaneläkelaitos",
        "Folkpensionsanstalten",
        "Social Insurance Institution of Finland",
        OrganisationKind.STATE_AUTHORITY,
        "0246246-0",
        website="https://www.kela.fi",
    ),
    DemoOrganisation(
        "DVV",
        "Digi- ja väestötietovirasto",
        "Myndigheten för digitalisering och befolkningsdata",
        "Digital and Population Data Services Agency",
        OrganisationKind.STATE_AUTHORITY,
        "0245437-2",
        website="https://dvv.fi",
    ),
    DemoOrganisation(
        "Vero",
        "Verohallinto",
        "Skatteförvaltningen",
        "Finnish Tax Administration",
        OrganisationKind.STATE_AUTHORITY,
        website="https://www.vero.fi",
    ),
    DemoOrganisation(
        "Migri",
        "Maahanmuuttovirasto",
        "Migrationsverket",
        "Finnish Immigration Service",
        OrganisationKind.STATE_AUTHORITY,
        website="https://migri.fi",
    ),
    DemoOrganisation(
        "Työllisyyspalvelut Rovaniemi",
        "Rovaniemen kaupungin työllisyyspalvelut",
        "Rovaniemi stads sysselsättningstjänster",
        "Rovaniemi employment services",
        OrganisationKind.MUNICIPAL_SERVICE,
        "1978283-1",
        "698",
    ),
    DemoOrganisation(
        "Työllisyyspalvelut Kemi",
        "Kemin kaupungin työllisyyspalvelut",
        "Kemi stads sysselsättningstjänster",
        "Kemi employment services",
        OrganisationKind.MUNICIPAL_SERVICE,
        "0210427-6",
        "240",
    ),
    DemoOrganisation(
        "Lapin hyvinvointialue",
        "Lapin hyvinvointialue",
        "Lapplands välfärdsområde",
        "Lapland wellbeing services county",
        OrganisationKind.WELLBEING_COUNTY,
        municipality_code="698",
    ),
    DemoOrganisation(
        "MoniNet",
        "Monikulttuurikeskus MoniNet",
        "Mångkulturella centret MoniNet",
        "Multicultural centre MoniNet",
        OrganisationKind.NGO,
        municipality_code="698",
    ),
    DemoOrganisation(
        "SPR Lappi",
        "Suomen Punainen Risti, Lapin piiri",
        "Finlands Röda Kors, Lapplands distrikt",
        "Finnish Red Cross, Lapland district",
        OrganisationKind.NGO,
        municipality_code="698",
    ),
    DemoOrganisation(
        "Lapin yliopisto",
        "Lapin yliopisto",
        "Lapplands universitet",
        "University of Lapland",
        OrganisationKind.EDUCATIONAL,
        "0908616-2",
        "698",
    ),
    DemoOrganisation(
        "Business Rovaniemi",
        "Business Rovaniemi",
        "Business Rovaniemi",
        "Business Rovaniemi",
        OrganisationKind.COMPANY,
        municipality_code="698",
    ),
]


DEMO_KEMI_LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40" width="120" height="40">'
    '<rect width="40" height="40" rx="6" fill="#005a8c"/>'
    '<path d="M8 30 L20 8 L32 30 Z" fill="#ffffff"/>'
    '<text x="48" y="28" font-family="sans-serif" font-size="20" font-weight="700" fill="#005a8c">Kemi</text>'
    "</svg>"
)


@dataclass(frozen=True)
class DemoTenancy:
    rovaniemi: ServicePoint
    kemi: ServicePoint
    network: Network
    partners: dict[str, Organisation]


def load_tenancy() -> DemoTenancy:
    municipalities_load()
    by_code = {
        m.code: m for m in Municipality.objects.filter(code__in=["698", "240", "241", "751", "845", "851"])
    }
    rovaniemi, _ = ServicePoint.objects.update_or_create(
        slug="ih-rovaniemi",
        defaults={
            "name": "International House Rovaniemi",
            "municipality": by_code["698"],
            "email": "internationalhouse@rovaniemi.example",
            "phone": "+358163220000",
            "address": "Koskikatu 25, 96200 Rovaniemi",
        },
    )
    rovaniemi.served_municipalities.set([by_code["698"]])
    kemi, _ = ServicePoint.objects.update_or_create(
        slug="ip-kemi",
        defaults={
            "name": "International Pointti Kemi",
            "municipality": by_code["240"],
            "email": "internationalpointti@kemi.example",
            "phone": "+358162590000",
            "address": "Valtakatu 26, 94100 Kemi",
        },
    )
    kemi.served_municipalities.set([by_code[code] for code in ("240", "241", "751", "845", "851")])
    # Each city's own look: Rovaniemi in a deep red, Kemi in sea blue with a logo.
    Municipality.objects.filter(code="698").update(theme_colour="#9b1c2c")
    Municipality.objects.filter(code="240").update(
        theme_colour="#005a8c", logo=DEMO_KEMI_LOGO.encode(), logo_type="image/svg+xml"
    )
    network, _ = Network.objects.update_or_create(
        slug="lapland", defaults={"name": "Lapland", "lead": rovaniemi}
    )
    network.service_points.set([rovaniemi, kemi])
    partners = {}
    for partner in PARTNERS:
        organisation, _ = Organisation.objects.update_or_create(
            short_name=partner.short_name,
            defaults={
                "name": partner.name,
                "name_sv": partner.name_sv,
                "name_en": partner.name_en,
                "kind": partner.kind,
                "business_id": partner.business_id,
                "website": partner.website,
                "municipality": by_code.get(partner.municipality_code or ""),
            },
        )
        partners[partner.short_name] = organisation
    return DemoTenancy(rovaniemi=rovaniemi, kemi=kemi, network=network, partners=partners)
