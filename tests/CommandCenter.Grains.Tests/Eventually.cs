namespace CommandCenter.Grains.Tests;

internal static class Eventually
{
    /// <summary>Polls until <paramref name="check"/> holds; pushes are batched, so results arrive a little later.</summary>
    public static async Task<T> Holds<T>(Func<Task<T>> read, Func<T, bool> check, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        T value;
        do
        {
            value = await read();
            if (check(value))
            {
                return value;
            }

            await Task.Delay(25);
        }
        while (DateTime.UtcNow < deadline);

        return value;
    }
}
