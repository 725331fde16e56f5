from __future__ import annotations

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.articles.tests.factories import ArticleFactory
from kotopolku.core.testing.permission_matrix import assert_actions_declared, permission_matrix

pytestmark = pytest.mark.django_db

ARTICLE_ACTIONS = {
    "articles.view": {Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR, Role.ADMINISTRATOR},
    "articles.edit": {Role.ADVISOR, Role.COORDINATOR},
    "articles.approve": {Role.COORDINATOR},
}


@pytest.mark.parametrize("case", permission_matrix(ARTICLE_ACTIONS))
def test_permission_matrix__article(case, permission_world):
    permission_world.assert_case(
        case, make_object=lambda service_point: ArticleFactory(service_point=service_point)
    )


def test_permission_matrix__covers_every_article_action():
    assert_actions_declared("articles.", ARTICLE_ACTIONS)
