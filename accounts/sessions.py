"""Django's database sessions, read with one plain statement (accounts/sql.py says why).

Everything else (saving, expiry, `clearsessions`, allauth's list of a member's sessions) is
Django's own `db` engine: the rows and their format are unchanged.
"""

from django.contrib.sessions.backends import db
from django.db import connection
from django.utils import timezone

from .sql import table, value


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        now = self.model._meta.get_field("expire_date").get_db_prep_value(timezone.now(), connection)
        sql = f"SELECT session_data FROM {table(self.model)} WHERE session_key = %s AND expire_date > %s"  # noqa: S608
        data = value(sql, [self.session_key, now]) if self.session_key else None
        if data is None:
            self._session_key = None
            return None
        return self.model(session_key=self.session_key, session_data=data)
