namespace CommandCenter.Contracts.Parsing;

/// <summary>Why a message, or one item of it, was refused. Each reason is counted per site.</summary>
public enum RejectReason
{
    /// <summary>The topic is not one of the v1 shapes.</summary>
    TopicInvalid,
    /// <summary>The site id is not 8 digits.</summary>
    SiteIdInvalid,
    /// <summary>The site in the payload or topic does not match the sender's credentials.</summary>
    SiteMismatch,
    /// <summary>The payload is larger than the protocol allows.</summary>
    TooLarge,
    /// <summary>The payload is not well-formed UTF-8 JSON, or not a JSON object.</summary>
    MalformedJson,
    /// <summary>A required field is absent.</summary>
    MissingField,
    /// <summary>A field has the wrong type or a value out of range.</summary>
    InvalidField,
    /// <summary>The device kind is not one v1 defines.</summary>
    UnknownKind,
    /// <summary>The event type is not one v1 defines for that kind.</summary>
    UnknownEventType,
    /// <summary>The timestamp lies further in the future than the allowed clock skew.</summary>
    FutureTimestamp,
    /// <summary>The device id does not match <c>[A-Za-z0-9_.-]{1,64}</c>.</summary>
    DeviceIdInvalid,
    /// <summary>The room is not 3 digits.</summary>
    RoomInvalid,
    /// <summary>The msgId is absent, empty, longer than 64 characters or has control characters.</summary>
    MsgIdInvalid,
    /// <summary>A batch without items.</summary>
    BatchEmpty,
    /// <summary>A batch with more items than allowed.</summary>
    BatchTooLarge,
    /// <summary>The site sent more than its share; dropped before parsing to protect other sites.</summary>
    RateLimited,
    /// <summary>A topic the center publishes itself; an edge may not publish there.</summary>
    NotAccepted,
}

/// <summary>Stable snake_case names of <see cref="RejectReason"/> for APIs and metrics.</summary>
public static class RejectReasons
{
    private static readonly string[] Names = Enum.GetValues<RejectReason>().Select(ToSnake).ToArray();

    /// <summary>Every reason, in declaration order.</summary>
    public static IReadOnlyList<RejectReason> All { get; } = Enum.GetValues<RejectReason>();

    /// <summary>e.g. <c>future_timestamp</c>.</summary>
    public static string ToWire(this RejectReason reason) => Names[(int)reason];

    private static string ToSnake(RejectReason reason)
    {
        var name = reason.ToString();
        var chars = new List<char>(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                chars.Add('_');
            }

            chars.Add(char.ToLowerInvariant(name[i]));
        }

        return new string(chars.ToArray());
    }
}

/// <summary>One refusal: the reason and a short human-readable detail (never the payload itself).</summary>
public readonly record struct Rejection(RejectReason Reason, string Detail)
{
    /// <inheritdoc />
    public override string ToString() => $"{Reason.ToWire()}: {Detail}";
}
