namespace CommandCenter.Simulator.Agents;

/// <summary>One periodic status batch in the scheduler's cycle: a room of a site, or (Room = -1) its site-level devices.</summary>
internal readonly record struct StatusSlot(int Agent, int Room);
