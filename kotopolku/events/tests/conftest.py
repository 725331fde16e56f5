from kotopolku.employers.tests.conftest import Office, office  # noqa: F401
