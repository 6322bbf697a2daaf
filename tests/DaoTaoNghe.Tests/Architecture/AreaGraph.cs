using Mono.Cecil;
using Mono.Cecil.Cil;

namespace DaoTaoNghe.Tests.Architecture;

/// <summary>
/// The areas of the web project (the folders of Features/) and what each takes from the others,
/// read from the compiled assembly: every type a type names in its signatures, attributes and
/// method bodies, Razor views included. A reference is allowed when it names another area's
/// <c>[AreaContract]</c> type; reading another area's DbSet (a getter of AppDbContext or
/// <c>Set&lt;T&gt;()</c> of its entity) never is.
/// </summary>
public sealed class AreaGraph
{
    public const string FeaturesNamespace = "DaoTaoNghe.Features.";
    public const string InfrastructureNamespace = "DaoTaoNghe.Infrastructure";
    private const string ContractAttribute = "DaoTaoNghe.Infrastructure.AreaContractAttribute";
    private const string RazorNamespace = "AspNetCoreGeneratedDocument";

    /// <summary>One use of another area: who, what, and why it is or is not allowed.</summary>
    public sealed record Reference(string FromArea, string FromType, string ToArea, string ToType, bool ReadsDbSet, bool Allowed);

    public IReadOnlyList<Reference> References { get; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Contracts { get; }
    public IReadOnlyList<string> Areas { get; }

    /// <summary>Types outside the areas (Infrastructure, the composition root, the demo) and the area types they name.</summary>
    public IReadOnlyList<(string FromType, string ToType)> InfrastructureToFeatures { get; }

    private AreaGraph(IReadOnlyList<Reference> references, IReadOnlyDictionary<string, IReadOnlyList<string>> contracts,
        IReadOnlyList<string> areas, IReadOnlyList<(string, string)> infrastructureToFeatures)
    {
        References = references;
        Contracts = contracts;
        Areas = areas;
        InfrastructureToFeatures = infrastructureToFeatures;
    }

    /// <summary>Allowed edges: area → the areas whose contracts it uses.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Edges =>
        Areas.ToDictionary(a => a, a => (IReadOnlySet<string>)References.Where(r => r.FromArea == a).Select(r => r.ToArea).ToHashSet());

    public IReadOnlyList<Reference> Violations => References.Where(r => !r.Allowed).ToList();

    public static AreaGraph Of(string assemblyPath)
    {
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath);
        var types = assembly.MainModule.GetTypes().ToList();
        var contracts = types.Where(t => t.DeclaringType is null && t.CustomAttributes.Any(a => a.AttributeType.FullName == ContractAttribute))
            .Select(t => t.FullName).ToHashSet();
        var references = new HashSet<Reference>();
        var infrastructure = new HashSet<(string, string)>();

        foreach (var type in types)
        {
            var from = Outermost(type);
            var fromArea = AreaOf(from);
            var fromInfrastructure = from.Namespace.StartsWith(InfrastructureNamespace, StringComparison.Ordinal);
            if (fromArea is null && !fromInfrastructure) continue;

            foreach (var (target, readsDbSet) in Uses(type))
            {
                var to = Outermost(target);
                var toArea = AreaOf(to);
                if (fromInfrastructure)
                {
                    if (toArea is not null || to.Namespace.StartsWith("DaoTaoNghe.Data", StringComparison.Ordinal)
                        || to.Namespace.StartsWith("DaoTaoNghe.Demo", StringComparison.Ordinal))
                        infrastructure.Add((from.FullName, to.FullName));
                    continue;
                }
                if (toArea is null || toArea == fromArea) continue;
                var allowed = !readsDbSet && contracts.Contains(to.FullName);
                references.Add(new Reference(fromArea!, DisplayName(from), toArea, DisplayName(to), readsDbSet, allowed));
            }
        }

        var areas = types.Select(t => AreaOf(Outermost(t))).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        var contractsByArea = areas.ToDictionary(a => a, a => (IReadOnlyList<string>)types
            .Where(t => t.DeclaringType is null && contracts.Contains(t.FullName) && AreaOf(t) == a)
            .Select(t => t.Name).Order(StringComparer.Ordinal).ToList());
        return new AreaGraph(
            references.OrderBy(r => r.FromArea).ThenBy(r => r.ToArea).ThenBy(r => r.FromType).ThenBy(r => r.ToType).ToList(),
            contractsByArea, areas, infrastructure.OrderBy(p => p.Item1).ThenBy(p => p.Item2).ToList());
    }

    /// <summary>Strongly connected groups of more than one area.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles(bool includeViolations = false)
    {
        var edges = Areas.ToDictionary(a => a, a => References
            .Where(r => r.FromArea == a && (includeViolations || r.Allowed)).Select(r => r.ToArea).Distinct().ToList());
        var index = 0;
        var indices = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<IReadOnlyList<string>>();

        void Connect(string area)
        {
            indices[area] = low[area] = index++;
            stack.Push(area);
            onStack.Add(area);
            foreach (var next in edges[area])
            {
                if (!indices.ContainsKey(next)) { Connect(next); low[area] = Math.Min(low[area], low[next]); }
                else if (onStack.Contains(next)) low[area] = Math.Min(low[area], indices[next]);
            }
            if (low[area] != indices[area]) return;
            var group = new List<string>();
            string member;
            do { member = stack.Pop(); onStack.Remove(member); group.Add(member); } while (member != area);
            if (group.Count > 1) result.Add(group.Order(StringComparer.Ordinal).ToList());
        }

        foreach (var area in Areas)
            if (!indices.ContainsKey(area)) Connect(area);
        return result;
    }

    public static string? AreaOf(TypeReference type)
    {
        if (type.Namespace.StartsWith(FeaturesNamespace, StringComparison.Ordinal)) return type.Namespace[FeaturesNamespace.Length..].Split('.')[0];
        // Razor compiles Features/Learners/Details.cshtml into AspNetCoreGeneratedDocument.Features_Learners_Details.
        // Features/_ViewStart.cshtml (Features__ViewStart) belongs to no area.
        if (type.Namespace == RazorNamespace && type.Name.StartsWith("Features_", StringComparison.Ordinal))
            return type.Name.Split('_')[1] is { Length: > 0 } area ? area : null;
        return null;
    }

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private static string DisplayName(TypeReference type) =>
        type.Namespace == RazorNamespace ? type.Name.Replace('_', '/') + ".cshtml" : type.Name;

    /// <summary>Every type <paramref name="type"/> names, and whether the naming is a DbSet read.</summary>
    private static IEnumerable<(TypeReference Type, bool ReadsDbSet)> Uses(TypeDefinition type)
    {
        var found = new List<(TypeReference, bool)>();
        void Add(TypeReference? reference, bool readsDbSet = false)
        {
            switch (reference)
            {
                case null or GenericParameter:
                    return;
                case GenericInstanceType generic:
                    foreach (var argument in generic.GenericArguments) Add(argument, readsDbSet);
                    Add(generic.ElementType);
                    return;
                case TypeSpecification specification:
                    Add(specification.ElementType, readsDbSet);
                    return;
                default:
                    found.Add((reference, readsDbSet));
                    return;
            }
        }
        void AddAttributes(IEnumerable<CustomAttribute> attributes)
        {
            foreach (var attribute in attributes)
            {
                Add(attribute.AttributeType);
                foreach (var argument in attribute.ConstructorArguments)
                    if (argument.Value is TypeReference typeArgument) Add(typeArgument);
            }
        }

        Add(type.BaseType);
        foreach (var implemented in type.Interfaces) Add(implemented.InterfaceType);
        AddAttributes(type.CustomAttributes);
        foreach (var field in type.Fields) { Add(field.FieldType); AddAttributes(field.CustomAttributes); }
        foreach (var property in type.Properties) { Add(property.PropertyType); AddAttributes(property.CustomAttributes); }
        foreach (var method in type.Methods)
        {
            Add(method.ReturnType);
            AddAttributes(method.CustomAttributes);
            foreach (var parameter in method.Parameters) { Add(parameter.ParameterType); AddAttributes(parameter.CustomAttributes); }
            if (!method.HasBody) continue;
            foreach (var variable in method.Body.Variables) Add(variable.VariableType);
            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case MethodReference called:
                        Add(called.DeclaringType);
                        Add(called.ReturnType, ReadsDbSet(called));
                        foreach (var parameter in called.Parameters) Add(parameter.ParameterType);
                        if (called is GenericInstanceMethod genericMethod)
                            foreach (var argument in genericMethod.GenericArguments) Add(argument, called.Name == "Set" && IsDbContext(called.DeclaringType));
                        break;
                    case FieldReference field:
                        Add(field.DeclaringType);
                        Add(field.FieldType);
                        break;
                    case TypeReference named:
                        Add(named);
                        break;
                }
            }
        }
        return found;
    }

    private static bool ReadsDbSet(MethodReference called) =>
        called.Name.StartsWith("get_", StringComparison.Ordinal) && called.DeclaringType.FullName == "DaoTaoNghe.Data.AppDbContext"
        && called.ReturnType is GenericInstanceType { ElementType.FullName: "Microsoft.EntityFrameworkCore.DbSet`1" };

    private static bool IsDbContext(TypeReference type) =>
        type.FullName is "DaoTaoNghe.Data.AppDbContext" or "Microsoft.EntityFrameworkCore.DbContext";
}
