from __future__ import annotations

import factory

from kotopolku.inquiries.enums import AnswerBy, InquiryKind
from kotopolku.inquiries.models import Inquiry
from kotopolku.organisations.tests.factories import ServicePointFactory


class InquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inquiry

    service_point = factory.SubFactory(ServicePointFactory)
    kind = InquiryKind.QUESTION
    language = "en"
    question = "Where do I register my address?"
    answer_by = AnswerBy.EMAIL
    email = "reader@example.com"
