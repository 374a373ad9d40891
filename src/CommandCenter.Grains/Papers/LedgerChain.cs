using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CommandCenter.Abstractions.Papers;

namespace CommandCenter.Grains.Papers;

/// <summary>
/// The hash chain of a custody ledger: each entry's hash is SHA-256 over the previous hash, a newline and
/// the entry's canonical form (a JSON array of its fields in a fixed order, times in UTC with 7 decimals),
/// hex in lower case. The first entry's previous hash is 64 zeros.
/// </summary>
public static class LedgerChain
{
    public static readonly string Genesis = new('0', 64);

    public static string Canonical(LedgerEntry e)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteNumberValue(e.Sequence);
            json.WriteStringValue(e.SiteId);
            json.WriteStringValue(e.ExamId);
            json.WriteStringValue(e.BagId);
            json.WriteStringValue(e.MsgId);
            json.WriteStringValue(Time(e.Ts));
            json.WriteStringValue(Time(e.ReceivedAt));
            json.WriteStringValue(e.Action);
            json.WriteStringValue(e.From.ToString());
            json.WriteStringValue(e.To.ToString());
            json.WriteStringValue(e.Room);
            json.WriteStartArray();
            foreach (var s in e.Staff)
            {
                json.WriteStringValue(s);
            }

            json.WriteEndArray();
            if (e.Count is { } count)
            {
                json.WriteNumberValue(count);
            }
            else
            {
                json.WriteNullValue();
            }

            json.WriteStringValue(e.Note);
            json.WriteStringValue(e.Source);
            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string HashOf(string previousHash, LedgerEntry entry) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previousHash + "\n" + Canonical(entry))));

    /// <summary>Seals <paramref name="entry"/> onto the chain after <paramref name="previousHash"/>.</summary>
    public static LedgerEntry Link(string previousHash, LedgerEntry entry)
    {
        var unsealed = entry with { PreviousHash = previousHash, Hash = "" };
        return unsealed with { Hash = HashOf(previousHash, unsealed) };
    }

    /// <summary>The first entry whose sequence, previous hash or own hash does not hold.</summary>
    public static LedgerVerification Verify(IReadOnlyList<LedgerEntry> entries)
    {
        var previous = Genesis;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var expected = i + 1L;
            var reason = e.Sequence != expected ? $"sequence {e.Sequence} where {expected} belongs"
                : e.PreviousHash != previous ? "previous hash does not match the entry before"
                : HashOf(previous, e) != e.Hash ? "content does not match its hash"
                : null;
            if (reason is not null)
            {
                return new LedgerVerification(false, expected, entries.Count, reason);
            }

            previous = e.Hash;
        }

        return new LedgerVerification(true, null, entries.Count, null);
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
