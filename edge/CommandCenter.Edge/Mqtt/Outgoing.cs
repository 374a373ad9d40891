using MQTTnet;

namespace CommandCenter.Edge.Mqtt;

/// <summary>One MQTT message and the queued records it carries (one, or a merged run of a backlog).</summary>
internal sealed record Outgoing(MqttApplicationMessage Message, IReadOnlyList<Queue.QueuedMessage> Records);
