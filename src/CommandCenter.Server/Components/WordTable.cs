using System.Globalization;

namespace CommandCenter.Server.Components;

/// <summary>One screen's words, zh-CN first and English beside; the language follows the circuit's UI culture, as <see cref="UiText"/> does.</summary>
public sealed class WordTable(Dictionary<string, (string Zh, string En)> words)
{
    /// <summary>The word for <paramref name="key"/>, or the key itself when the table lacks it (a test catches that).</summary>
    public string this[string key] => words.TryGetValue(key, out var w) ? (UiText.IsEnglish ? w.En : w.Zh) : key;

    public string Format(string key, params object[] args) => string.Format(CultureInfo.CurrentCulture, this[key], args);

    public IEnumerable<string> Keys => words.Keys;
}
