namespace CommandCenter.Server.Tests.Harness;

internal static class Poll
{
    /// <summary>Reads until the condition holds or the time is up; returns the last value read.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        T value;
        do
        {
            try
            {
                value = await read();
                if (condition(value))
                {
                    return value;
                }
            }
            catch (HttpRequestException)
            {
                value = default!;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        return value;
    }
}
