using Microsoft.Extensions.Options;

namespace CommandCenter.Server.Hosting;

internal static class OptionsRegistration
{
    /// <summary>Binds a section, validates its annotations and fails the start with the key's name when wrong.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class =>
        services.AddOptions<T>()
            .Bind(configuration.GetSection(section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
}
