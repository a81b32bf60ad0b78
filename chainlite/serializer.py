"""The serializer protocol: how objects save and load their state.

An object's ``serialize(serializer)`` calls ``value = serializer(key, value)``
for each of its values and ``child.serialize(serializer[name])`` for each
child. A :class:`Serializer` records the value and returns it unchanged; a
:class:`Deserializer` returns the stored value (copied into ``value`` in
place when that is an array, or returned as a new object when ``value`` is
None or a scalar).

>>> from chainlite.serializers import DictionarySerializer
>>> class Counter:
...     def __init__(self):
...         self.count = 0
...     def serialize(self, serializer):
...         self.count = serializer('count', self.count)
>>> s = DictionarySerializer()
>>> s.save(Counter())
>>> sorted(s.target)
['count']
"""


class AbstractSerializer:
    """Base of serializers and deserializers; ``self[key]`` is the child serializer at ``key``."""

    def __getitem__(self, key):
        raise NotImplementedError

    def __call__(self, key, value):
        raise NotImplementedError


class Serializer(AbstractSerializer):
    """Base class of serializers (saving)."""

    def save(self, obj):
        """Saves ``obj``'s state by calling ``obj.serialize(self)``."""
        obj.serialize(self)


class Deserializer(AbstractSerializer):
    """Base class of deserializers (loading)."""

    def load(self, obj):
        """Loads ``obj``'s state by calling ``obj.serialize(self)``."""
        obj.serialize(self)
