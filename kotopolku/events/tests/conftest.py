from kotopolku.employers.tests.conftest import Office, employer_code_lists, office  # noqa: F401
