"""Radix's unstyled tabs primitive (``@radix-ui/react-tabs``) as Reflex components.

``rx.tabs`` is the Radix Themes version: it brings about 84 KiB (compressed) of
global theme CSS that the site does not use, and its own colour scheme switching.
The primitive has the same WAI-ARIA tabs pattern and keyboard handling (arrows,
Home, End, roving tab index); assets/styles.css styles it.
"""

from typing import ClassVar, Literal

import reflex as rx
from reflex.event import passthrough_event_spec


class _TabsPart(rx.Component):
    # The version the lock file already resolves (a dependency of Radix Themes before).
    library = "@radix-ui/react-tabs@1.2.1"


class TabsRoot(_TabsPart):
    """The tabs' container; uncontrolled (``default_value``) or controlled (``value``)."""

    tag = "Root"
    alias = "RadixTabsRoot"

    default_value: rx.Var[str]
    value: rx.Var[str]
    activation_mode: rx.Var[Literal["automatic", "manual"]]

    _rename_props: ClassVar[dict[str, str]] = {"onChange": "onValueChange"}

    on_change: rx.EventHandler[passthrough_event_spec(str)]


class TabsList(_TabsPart):
    """The row of tabs (role tablist)."""

    tag = "List"
    alias = "RadixTabsList"

    loop: rx.Var[bool]


class TabsTrigger(_TabsPart):
    """One tab (role tab)."""

    tag = "Trigger"
    alias = "RadixTabsTrigger"

    value: rx.Var[str]


class TabsContent(_TabsPart):
    """The panel of one tab (role tabpanel)."""

    tag = "Content"
    alias = "RadixTabsContent"

    value: rx.Var[str]


tabs_root = TabsRoot.create
tabs_list = TabsList.create
tabs_trigger = TabsTrigger.create
tabs_content = TabsContent.create
