using System.Globalization;

namespace CommandCenter.Simulator;

/// <summary>
/// Simulated admission ticket numbers (准考证号), 14 digits: a year digit, the 8-digit site id,
/// the 3-digit room and the 2-digit seat. Never ID-card numbers.
/// </summary>
public static class AdmissionTickets
{
    private const char YearDigit = '6';

    public static string For(string siteId, string room, int seat) =>
        string.Create(CultureInfo.InvariantCulture, $"{YearDigit}{siteId}{room}{seat:D2}");
}
