namespace CommandCenter.Edge.Tests.Harness;

internal static class Poll
{
    /// <summary>Waits until the condition holds; fails the test with <paramref name="what"/> when it does not in time.</summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {within.TotalSeconds:0} s waiting for {what}");
            }

            await Task.Delay(50);
        }
    }

    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {within.TotalSeconds:0} s waiting for {what}");
            }

            await Task.Delay(50);
        }
    }
}
