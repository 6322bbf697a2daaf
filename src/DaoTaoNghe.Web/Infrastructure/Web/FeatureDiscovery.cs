using System.Reflection;
using FluentValidation;

namespace DaoTaoNghe.Infrastructure.Web;

/// <summary>Marks a use case's handler: registered as a scoped service and injected into pages and endpoints.</summary>
public interface IHandler;

/// <summary>A feature's JSON endpoints, mapped under /api/v1 with sign-in required unless an endpoint says otherwise.</summary>
public interface IEndpoints
{
    void Map(IEndpointRouteBuilder api);
}

public static class FeatureDiscovery
{
    private static readonly Type[] Types = typeof(FeatureDiscovery).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false })
        .ToArray();

    public static IServiceCollection AddFeatures(this IServiceCollection services)
    {
        foreach (var type in Types)
        {
            if (typeof(IHandler).IsAssignableFrom(type)) services.AddScoped(type);
            foreach (var contribution in type.GetInterfaces().Where(IsContribution))
                services.AddScoped(contribution, type);
            foreach (var validator in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)))
                services.AddScoped(validator, type);
        }
        return services;
    }

    /// <summary>
    /// An interface one area implements for another: a section of another area's record page, work
    /// waiting on the home page, or any interface an area publishes as its contract (a merge's person
    /// references, an order's progress).
    /// </summary>
    private static bool IsContribution(Type contract) =>
        (contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IRecordPart<>))
        || contract == typeof(IWorkSource)
        || contract == typeof(Data.IAfterKeyRenumbering)
        || contract.GetCustomAttributes(typeof(AreaContractAttribute), inherit: false).Length > 0;

    public static IEndpointRouteBuilder MapFeatureEndpoints(this IEndpointRouteBuilder api)
    {
        foreach (var type in Types.Where(t => typeof(IEndpoints).IsAssignableFrom(t)).OrderBy(t => t.FullName, StringComparer.Ordinal))
            ((IEndpoints)Activator.CreateInstance(type)!).Map(api);
        return api;
    }

    public static IEnumerable<T> CreateAll<T>() where T : class =>
        Types.Where(t => typeof(T).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (T)Activator.CreateInstance(t)!);

    public static IEnumerable<Type> Implementations<T>() =>
        Types.Where(t => typeof(T).IsAssignableFrom(t)).OrderBy(t => t.FullName, StringComparer.Ordinal);

    internal static Assembly Assembly => typeof(FeatureDiscovery).Assembly;
}
