"""Round anniversaries of the partnerships in this year and the next."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from partner_app.i18n import text, written_in
from partner_app.models import DatePrecision, Partnership, PartnershipStatus
from partner_app.services.dates import format_date

# Partnerships are celebrated in steps of five years (25, 30, 35, 40, …).
ROUND_STEP = 5


@dataclass(frozen=True)
class Anniversary:
    """ "40 Jahre Charlotte" and when."""

    slug: str
    label: str
    when: str


def upcoming_anniversaries(session: Session, *, today: date, lang: str = "de") -> list[Anniversary]:
    """Round anniversaries of active partnerships in this and next year, in date order.

    Suspended and dormant partnerships are left out: nobody celebrates those.
    """
    partnerships = session.exec(
        select(Partnership)
        .where(Partnership.status == PartnershipStatus.active)
        .order_by(col(Partnership.since))
    ).all()
    found = []
    for year in (today.year, today.year + 1):
        for partnership in partnerships:
            age = year - partnership.since.year
            if age <= 0 or age % ROUND_STEP:
                continue
            day = _same_day_in(partnership.since, year)
            found.append(
                (
                    day,
                    Anniversary(
                        slug=partnership.slug,
                        label=text("ANNIVERSARY_LABEL", lang).format(
                            age=age, name=written_in(partnership.name, partnership.name_en, lang)[0]
                        ),
                        when=format_date(day, DatePrecision(partnership.since_precision), lang),
                    ),
                )
            )
    return [anniversary for _, anniversary in sorted(found, key=lambda item: item[0])]


def _same_day_in(since: date, year: int) -> date:
    # 29 February falls back to the 28th in common years.
    try:
        return since.replace(year=year)
    except ValueError:
        return since.replace(year=year, day=28)
