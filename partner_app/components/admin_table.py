"""The admin's lists: a table on wide screens, one block per row on phones."""

from collections.abc import Callable, Sequence
from typing import TypeVar

import reflex as rx
from reflex.vars import ObjectVar

RowT = TypeVar("RowT")


def admin_table(
    columns: Sequence[str],
    rows: rx.Var[Sequence[RowT]],
    render: Callable[[ObjectVar[RowT]], rx.Component],
) -> rx.Component:
    """A table whose rows ``render`` makes; stacked on phones (``.stacked-table``)."""
    return rx.el.div(
        rx.el.table(
            rx.el.thead(rx.el.tr(*(rx.el.th(column, scope="col") for column in columns))),
            rx.el.tbody(rx.foreach(rows, render)),
            class_name="overview-table admin-table stacked-table",
        ),
        class_name="table-scroll",
    )


def labelled_cell(column: str, *children: rx.Component | rx.Var | str) -> rx.Component:
    """A cell that names its column before its value when the row is stacked on a phone.

    Cells of buttons need no name (their labels say what they do): use ``rx.el.td``.
    """
    return rx.el.td(*children, custom_attrs={"data-label": column})
