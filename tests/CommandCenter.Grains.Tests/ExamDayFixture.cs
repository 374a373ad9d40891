namespace CommandCenter.Grains.Tests;

/// <summary>A cluster of its own for the exam-day replay: it stores the (one) current plan and moves its own clock.</summary>
public sealed class ExamDayFixture : SiloFixture;
