"""What the built-in hooks share (chainlite).

A change of a built-in hook's attribute (``hook.rate = 0.2``) bumps
``settings_version``, which the optimizer also bumps on every change of a
hyperparameter, hook list or flag: the fused update reuses its grouping only
while the version stands.
"""

settings_version = [0]


class Hook:
    """Base of the built-in hooks: attribute changes are recorded."""

    def __setattr__(self, name, value):
        object.__setattr__(self, name, value)
        settings_version[0] += 1
