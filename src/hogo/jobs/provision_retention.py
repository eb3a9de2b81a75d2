"""Job: delete provision and receipt records whose retention period ended (Arts. 29(2), 30(4); Rules 21, 25, 29).

Run it daily (`hogo provisions purge`, or from a scheduler); it is idempotent and one transaction.
"""

from __future__ import annotations

from hogo.bootstrap import Container
from hogo.identity.policy import system_actor

JOB_ACTOR = "hogo:job:provision-retention"


def run(container: Container, actor_name: str = JOB_ACTOR) -> int:
    """Purge what is due now by the container's clock; how many records were deleted."""
    return container.provision.purge_expired(container.clock.now(), system_actor(actor_name))
