namespace CommandCenter.Edge.Mqtt;

/// <summary>The broker answered a publish with a passing refusal (quota, busy): reconnect later and send again.</summary>
internal sealed class BrokerBusyException(string message) : Exception(message);
