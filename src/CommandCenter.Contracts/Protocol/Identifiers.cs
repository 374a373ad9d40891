using System.Globalization;

namespace CommandCenter.Contracts.Protocol;

/// <summary>Format rules of the v1 identifiers and timestamps.</summary>
public static class Identifiers
{
    /// <summary>Longest msgId, device id or bag id accepted.</summary>
    public const int MaxIdLength = 64;

    /// <summary>8 digits: 6-digit county code (GB/T 2260) and a 2-digit site number.</summary>
    public static bool IsSiteId(ReadOnlySpan<char> value) => value.Length == 8 && AllDigits(value);

    /// <summary>3 digits within the site.</summary>
    public static bool IsRoom(ReadOnlySpan<char> value) => value.Length == 3 && AllDigits(value);

    /// <summary><c>[A-Za-z0-9_.-]{1,64}</c>; also the rule for bag ids.</summary>
    public static bool IsDeviceId(ReadOnlySpan<char> value)
    {
        if (value.Length is 0 or > MaxIdLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>1 to 64 printable characters without white space (UUID, ULID and the like).</summary>
    public static bool IsMsgId(ReadOnlySpan<char> value)
    {
        if (value.Length is 0 or > MaxIdLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Reads an RFC 3339 timestamp that carries its offset (<c>Z</c> or <c>±hh:mm</c>); a time
    /// without an offset is ambiguous and refused.
    /// </summary>
    public static bool TryParseTimestamp(string? value, out DateTimeOffset ts)
    {
        ts = default;
        if (string.IsNullOrEmpty(value) || value.Length > 40 || value.Length < 20 || value[10] is not ('T' or 't'))
        {
            return false;
        }

        var last = value[^1];
        var hasOffset = last is 'Z' or 'z' || (value.Length > 6 && value[^3] == ':' && value[^6] is '+' or '-');
        return hasOffset && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out ts);
    }

    /// <summary>Formats a timestamp as RFC 3339 with milliseconds and its offset.</summary>
    public static string FormatTimestamp(DateTimeOffset ts) =>
        ts.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static bool AllDigits(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
