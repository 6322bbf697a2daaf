using System.Text;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;

namespace DaoTaoNghe.Tests.Architecture;

/// <summary>
/// The boundaries DEVELOPERS.md states, kept by the build: Infrastructure knows no area; an area
/// uses another only through that area's <c>[AreaContract]</c> types and never reads its DbSets; the
/// areas form no cycle; and DEVELOPERS.md shows the graph as the code has it.
/// </summary>
public class ArchitectureTests
{
    private static readonly Lazy<AreaGraph> Graph = new(() => AreaGraph.Of(typeof(Program).Assembly.Location));

    [Fact]
    public void Infrastructure_references_no_area_nor_the_composition_root()
    {
        var result = Types.InAssembly(typeof(Program).Assembly)
            .That().ResideInNamespace(AreaGraph.InfrastructureNamespace)
            .ShouldNot().HaveDependencyOnAny("DaoTaoNghe.Features", "DaoTaoNghe.Data", "DaoTaoNghe.Demo")
            .GetResult();

        (result.FailingTypeNames ?? []).ShouldBeEmpty();
        Graph.Value.InfrastructureToFeatures.Select(p => $"{p.FromType} → {p.ToType}").ShouldBeEmpty();
    }

    [Fact]
    public void No_area_depends_on_the_demo()
    {
        var result = Types.InAssembly(typeof(Program).Assembly)
            .That().ResideInNamespace("DaoTaoNghe.Features")
            .ShouldNot().HaveDependencyOn("DaoTaoNghe.Demo")
            .GetResult();

        (result.FailingTypeNames ?? []).ShouldBeEmpty();
    }

    [Fact]
    public void An_area_uses_another_only_through_its_contracts_and_never_reads_its_tables()
    {
        var violations = Graph.Value.Violations
            .Select(v => v.ReadsDbSet
                ? $"{v.FromArea}/{v.FromType} reads the DbSet of {v.ToArea}.{v.ToType}: ask a named query of {v.ToArea} instead"
                : $"{v.FromArea}/{v.FromType} uses {v.ToArea}.{v.ToType}, which is not an [AreaContract] of {v.ToArea}")
            .ToList();

        violations.ShouldBeEmpty(string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void The_areas_form_no_cycle()
    {
        var cycles = Graph.Value.Cycles(includeViolations: true);
        var explained = cycles.Select(cycle => string.Join(" ⇄ ", cycle) + ":" + string.Concat(Graph.Value.References
            .Where(r => cycle.Contains(r.FromArea) && cycle.Contains(r.ToArea))
            .GroupBy(r => (r.FromArea, r.ToArea))
            .Select(g => $"{Environment.NewLine}  {g.Key.FromArea} → {g.Key.ToArea}: " + string.Join(", ", g.Select(r => $"{r.FromType} uses {r.ToType}").Distinct().Take(6)))));

        cycles.ShouldBeEmpty(string.Join(Environment.NewLine, explained));
    }

    [Fact]
    public void DEVELOPERS_md_shows_the_dependency_graph_the_code_has()
    {
        var path = Path.Combine(RepositoryRoot(), "DEVELOPERS.md");
        var document = File.ReadAllText(path);
        var start = document.IndexOf(GraphStart, StringComparison.Ordinal);
        var end = document.IndexOf(GraphEnd, StringComparison.Ordinal);
        (start >= 0 && end > start).ShouldBeTrue($"DEVELOPERS.md needs the markers {GraphStart} and {GraphEnd}.");

        var expected = GraphMarkdown(Graph.Value);
        var actual = document[(start + GraphStart.Length)..end];
        if (actual != expected && Environment.GetEnvironmentVariable("DTN_WRITE_DOCS") == "1")
        {
            File.WriteAllText(path, document[..(start + GraphStart.Length)] + expected + document[end..]);
            return;
        }
        actual.ShouldBe(expected, "regenerate with: DTN_WRITE_DOCS=1 dotnet test tests/DaoTaoNghe.Tests --filter DEVELOPERS_md");
    }

    private const string GraphStart = "<!-- area-graph:start (written by ArchitectureTests) -->";
    private const string GraphEnd = "<!-- area-graph:end -->";

    private static string GraphMarkdown(AreaGraph graph)
    {
        var text = new StringBuilder("\n| area | uses (through their contracts) | its contracts |\n|---|---|---|\n");
        var edges = graph.Edges;
        foreach (var area in graph.Areas)
            text.Append($"| {area} | {Join(edges[area].Order(StringComparer.Ordinal))} | {Join(graph.Contracts[area])} |\n");
        text.Append($"\n{graph.Areas.Count} areas, {edges.Values.Sum(e => e.Count)} edges, ")
            .Append(graph.Cycles().Count == 0 ? "no cycle.\n" : $"{graph.Cycles().Count} cycles.\n");
        return text.ToString();
    }

    /// <summary>
    /// A page decides what to offer by the named policy of the action (<c>User.Holds(…)</c>), never by
    /// a role: a list of roles written in a view drifts from the policy the action enforces (buttons
    /// shown to people who then get 403, or hidden from people who may act). Read from the compiled
    /// code, so pages' markup is included.
    /// </summary>
    [Fact]
    public void No_page_or_handler_asks_for_a_role_instead_of_a_named_policy()
    {
        using var assembly = AssemblyDefinition.ReadAssembly(typeof(Program).Assembly.Location);
        var callers = assembly.MainModule.GetTypes()
            .SelectMany(t => t.Methods.Where(m => m.HasBody)
                .Where(m => m.Body.Instructions.Any(i => i.OpCode.FlowControl == FlowControl.Call
                                                          && i.Operand is MethodReference { Name: "IsInRole" } called
                                                          && called.DeclaringType.FullName == "System.Security.Claims.ClaimsPrincipal"))
                .Select(m => $"{t.FullName}.{m.Name}"))
            .Distinct()
            .ToList();

        callers.ShouldBeEmpty("Use User.Holds(<Area>Policies.X) instead of User.IsInRole:\n" + string.Join("\n", callers));
    }

    private static string Join(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "–";

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "DaoTaoNghe.slnx"))) return directory.FullName;
        throw new InvalidOperationException("DaoTaoNghe.slnx not found above the test assembly.");
    }
}
