namespace CommandCenter.Abstractions.Plan;

/// <summary>
/// One sitting of one subject, e.g. <c>2026-gk-yw</c> 语文 09:00–11:30. Times carry their offset
/// (Beijing time is +08:00). Candidates may enter from <see cref="EntryOpens"/> until
/// <see cref="EntryCloses"/> (late entry, usually 15 minutes after the start); the paper bag is opened
/// in the room at <see cref="BagOpening"/>; the zero-report (零报告) of the session is due by
/// <see cref="ZeroReportDue"/> when the exam asks for one.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ExamSession(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string Subject,
    [property: Id(2)] DateTimeOffset Start,
    [property: Id(3)] DateTimeOffset End,
    [property: Id(4)] DateTimeOffset EntryOpens,
    [property: Id(5)] DateTimeOffset EntryCloses,
    [property: Id(6)] DateTimeOffset BagOpening,
    [property: Id(7)] DateTimeOffset? ZeroReportDue);
