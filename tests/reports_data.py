"""The hand-made data of the brief, pack and mail tests: tests/test_kpis.hand_made (FY2566, as of
30 Sep 2023: Chiang Mai 50 and Lamphun 51) plus a FY2565 course, quarterly disbursement targets of
70 % and 90 % and Chiang Mai's field staff. Loaded by the `brief_db` and `brief_sqlite` fixtures."""

from data_access.selection import Scope
from tests.builder import Dataset
from tests.test_kpis import hand_made

CHIANG_MAI = Scope("cm", "provincial", frozenset({"50"}))


def brief_data() -> Dataset:
    d = hand_made()
    d.course("Z", fy=2565, province="50").participant("Z", "z1", True, 3000).participant("Z", "z2", False)
    d.target(2566, "ALL", "disbursement_q3", 0.7).target(2566, "ALL", "disbursement_q4", 0.9)
    return d.staff(2566, "50", 5, 2)
