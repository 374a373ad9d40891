namespace CommandCenter.Server.Push;

/// <summary>What a client can watch: a region (province, city, county) or a site.</summary>
public readonly record struct SituationTopic(bool IsSite, string Key)
{
    public string Name => IsSite ? $"site:{Key}" : $"region:{Key}";

    public static SituationTopic Site(string siteId) => new(true, siteId);

    public static SituationTopic Region(string code) => new(false, code);

    public static SituationTopic Parse(string name) => name.StartsWith("site:", StringComparison.Ordinal)
        ? Site(name["site:".Length..])
        : Region(name["region:".Length..]);
}
