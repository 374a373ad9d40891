using System.Text.Json;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Edge.Checks;
using CommandCenter.Edge.Hosting;
using CommandCenter.Edge.Queue;
using CommandCenter.Edge.Status;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Edge.Commands;

/// <summary>
/// Carries out the center's commands (<c>time_reference</c>, <c>notice</c>, <c>switch_paper_set</c>) and
/// queues the acknowledgement for <c>…/command/ack</c>. A command seen again (QoS 1 redelivery) is
/// acknowledged again without being carried out twice.
/// </summary>
public sealed class CommandHandler(
    IOptions<EdgeOptions> options,
    DurableQueue queue,
    SiteBoard board,
    ClockState clock,
    AgentAlerts alerts,
    TimeProvider time,
    ILogger<CommandHandler> logger)
{
    private const int Remembered = 1000;
    private readonly string _ackTopic = EdgeTopics.CommandAck(options.Value.SiteId);
    private readonly Dictionary<string, CommandAckPayload> _handled = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public async Task HandleAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var received = time.GetUtcNow();
        CommandPayload? command = null;
        try
        {
            command = JsonSerializer.Deserialize(payload.Span, EdgeJsonContext.Default.CommandPayload);
        }
        catch (JsonException)
        {
        }

        if (command is null || !Identifiers.IsMsgId(command.MsgId))
        {
            logger.LogWarning("Ignored a command of {Bytes} bytes that is not a JSON object with a valid msgId: it cannot be acknowledged", payload.Length);
            return;
        }

        CommandAckPayload? ack;
        lock (_handled)
        {
            _handled.TryGetValue(command.MsgId!, out ack);
        }

        if (ack is null)
        {
            var (ok, detail) = Execute(command, received);
            ack = new CommandAckPayload { MsgId = command.MsgId, Ts = Identifiers.FormatTimestamp(Local(time.GetUtcNow())), Ok = ok, Detail = detail };
            Remember(command.MsgId!, ack);
            logger.LogInformation("Command {MsgId} ({Type}): {Outcome}, {Detail}", command.MsgId, command.Type, ok ? "done" : "refused", detail);
        }

        await queue.AppendAsync(QueueClass.Kept, _ackTopic, JsonSerializer.SerializeToUtf8Bytes(ack, EdgeJsonContext.Default.CommandAckPayload),
            cancellationToken).ConfigureAwait(false);
    }

    private (bool Ok, string Detail) Execute(CommandPayload command, DateTimeOffset received) => command.Type switch
    {
        "time_reference" => TimeReference(command, received),
        "notice" => ShowNotice(command, received),
        "switch_paper_set" => SwitchPaperSet(command, received),
        null => (false, "type is missing"),
        _ => (false, $"unknown command type '{(command.Type.Length > 32 ? command.Type[..32] : command.Type)}'"),
    };

    private (bool, string) TimeReference(CommandPayload command, DateTimeOffset received)
    {
        if (!Identifiers.TryParseTimestamp(Text(command, "time") ?? command.Ts, out var reference))
        {
            return (false, "time (or ts) must be RFC 3339 with an offset");
        }

        var offsetMs = (long)Math.Round((received - reference).TotalMilliseconds);
        var reading = clock.Record(received, "the center's time reference", offsetMs);
        return (true, $"agent clock {offsetMs:+#;-#;0} ms against the center's time reference{(reading.WithinTolerance ? "" : ", outside tolerance")}");
    }

    private (bool, string) ShowNotice(CommandPayload command, DateTimeOffset received)
    {
        if (Text(command, "text") is not { Length: > 0 and <= 4000 } text)
        {
            return (false, "text is missing or longer than 4000 characters");
        }

        board.Show(new Notice(received, command.MsgId!, text));
        return (true, "shown on the site's status page");
    }

    private (bool, string) SwitchPaperSet(CommandPayload command, DateTimeOffset received)
    {
        if (Text(command, "set") is not { Length: > 0 and <= 8 } set)
        {
            return (false, "set (e.g. \"B\") is missing");
        }

        var session = Text(command, "session");
        var subject = Text(command, "subject");
        board.Show(new PaperSetSwitch(received, command.MsgId!, set, session, subject));
        alerts.Raise(LogLevel.Warning, "command", $"the center ordered the switch to paper set {set}{(session is null ? "" : $" for session {session}")}{(subject is null ? "" : $" ({subject})")}");
        return (true, $"paper set {set} shown on the site's status page");
    }

    private static string? Text(CommandPayload command, string field) =>
        command.Extra?.TryGetValue(field, out var value) == true && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, time.LocalTimeZone);

    private void Remember(string msgId, CommandAckPayload ack)
    {
        lock (_handled)
        {
            if (_handled.TryAdd(msgId, ack))
            {
                _order.Enqueue(msgId);
                if (_order.Count > Remembered)
                {
                    _handled.Remove(_order.Dequeue());
                }
            }
        }
    }
}
