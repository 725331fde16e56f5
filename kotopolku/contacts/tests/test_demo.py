from __future__ import annotations

import io

import pytest

from kotopolku.accounts.demo import load_users
from kotopolku.contacts.demo import load_demo
from kotopolku.contacts.models import Contact
from kotopolku.organisations.demo import load_tenancy

pytestmark = pytest.mark.django_db


def test_load_demo__creates_a_few_hundred_contacts_once():
    tenancy = load_tenancy()
    load_users(tenancy)
    load_demo(tenancy=tenancy, stdout=io.StringIO())
    count = Contact.objects.count()
    assert 200 <= count <= 800
    assert Contact.objects.filter(service_point=tenancy.kemi).exists()
    assert Contact.objects.filter(service_point=tenancy.rovaniemi).exists()
    assert not Contact.objects.filter(client__isnull=True).exclude(note="").exists()
    assert all(c.topics.exists() for c in Contact.objects.all()[:20])
    load_demo(tenancy=tenancy, stdout=io.StringIO())
    assert Contact.objects.count() == count
