using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Users;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace DaoTaoNghe.Tests.Infrastructure.Scope;

/// <summary>One signed-in role of a world: its user, organisation and the scope the app derives for it.</summary>
public sealed record ScopeActor(string Role, int UserId, string UserName, int OrganisationId, ScopeWorld World)
{
    public DataScope Scope => DataScope.ForUser(Role, UserId, UserName, OrganisationId, World.ProvinceId, World.CommuneId);

    public bool IsProvinceWide => Role is Roles.ProvinceAdmin or Roles.DepartmentOfficer or Roles.Inspector;

    public override string ToString() => $"{Role} of world {World.Name}";
}

/// <summary>
/// One generated record: a world's own record of an entity (<see cref="Via"/> null, key = the world's id),
/// or a guest: a record owned by world B or C that points, through the navigation <see cref="Via"/>,
/// at world A's record (a B enterprise's application in A's job fair, a C contract of A's learner).
/// A guest is what world A's roles meet on their own pages although its own filter may hide it.
/// </summary>
public sealed record WorldRecord(ScopeWorld Owner, string Entity, string? Via, object?[] Key, string Marker)
{
    public override string ToString() => Via is null ? $"{Entity} of world {Owner}" : $"{Entity} of world {Owner} (guest in world A's {Via})";
}

/// <summary>
/// One commune with its own organisations of every kind, one user per role and ONE record of every
/// scoped entity type, each with the primary-key value <see cref="Id"/> (composite keys: the
/// world's values of their parts). So any route parameter that names a record can be filled with
/// <see cref="Id"/> and designates this world's record of whatever type the route means.
/// Every required text of a record is the record's marker (<see cref="Marker"/>), so a response can
/// be searched for which world's records of which type it shows.
/// </summary>
public sealed class ScopeWorld
{
    public required string Name { get; init; }
    public required char Letter { get; init; }
    public required int Number { get; init; }
    public required int Id { get; init; }
    public required int ProvinceId { get; init; }
    public required string ProvinceCode { get; init; }
    public required int CommuneId { get; init; }
    public required string CommuneName { get; init; }
    public Dictionary<OrganisationKind, int> Organisations { get; } = [];
    public Dictionary<string, ScopeActor> Actors { get; } = [];

    /// <summary>The key values of the world's record of each entity (by EF display name).</summary>
    public Dictionary<string, object?[]> Keys { get; } = [];

    /// <summary>
    /// Dates and years the records carry: fixed, in the past of any clock the suite runs with, within
    /// what the forms accept (from 2015, not after today), one day apart per world so unique dates differ.
    /// </summary>
    public DateOnly Date => new DateOnly(2025, 3, 1).AddDays(Number - 1);
    public const int Year = 2025;

    /// <summary>
    /// The text every record of one entity type carries in this world: "zq", the world's letter and
    /// two letters for the entity (letters only, so a person's name is still a valid name).
    /// Vietnamese has no "zq", so the text shows up nowhere else.
    /// </summary>
    public string Marker(int entityIndex) => $"zq{Letter}{(char)('a' + entityIndex / 26)}{(char)('a' + entityIndex % 26)}";

    /// <summary>The marker of this world's guest of one entity type in world A, through its <paramref name="via"/>-th foreign key.</summary>
    public string GuestMarker(int entityIndex, int via) => $"zx{Letter}{(char)('a' + entityIndex / 26)}{(char)('a' + entityIndex % 26)}{(char)('a' + via)}";

    /// <summary>The marker of something public of the world (an organisation: 'z', a user: 'y'), never taken for a record.</summary>
    public string PublicMarker(char kind, int index) => $"zq{Letter}{kind}{(char)('a' + index)}";

    /// <summary>Every id that may designate something of this world: its records, organisations, users, its commune.</summary>
    public IEnumerable<(string Lane, int Value)> Lanes() =>
        new[] { ("record", Id) }
            .Concat(Organisations.Select(o => ($"organisation {o.Key}", o.Value)))
            .Concat(Actors.Values.Select(a => ($"user {a.Role}", a.UserId)))
            .Append(("commune", CommuneId));

    public override string ToString() => Name;
}

/// <summary>
/// Builds the three worlds once per test run, from the EF model: A and B are two communes of Lai Châu,
/// C a commune of Điện Biên (code 11). Records are generated by walking the scoped entity types in
/// dependency order and filling every required property (<see cref="ValueFor"/>); a new entity type
/// is covered automatically, or the build fails saying which property needs a hint in <see cref="Hints"/>.
/// </summary>
public static class ScopeWorlds
{
    /// <summary>
    /// The worlds' records have fixed ids at the top of Lai Châu's key range (KeyRanges), far above what the
    /// suite's PostgreSQL sequences reach; this id, just below them, no table holds (SQLite numbers new rows
    /// after the highest id, so never here either).
    /// </summary>
    private const int WorldsBase = 129_900_000;

    public const int NoSuchId = WorldsBase + 50;

    private static readonly Lazy<Task<IReadOnlyList<ScopeWorld>>> Built = new(BuildAsync);

    public static Task<IReadOnlyList<ScopeWorld>> AllAsync() => Built.Value;

    public static async Task<(ScopeWorld A, ScopeWorld B, ScopeWorld C)> GetAsync()
    {
        var worlds = await AllAsync();
        return (worlds[0], worlds[1], worlds[2]);
    }

    /// <summary>The scoped entity types, in a fixed order (their index names their marker).</summary>
    public static IReadOnlyList<IEntityType> Entities { get; private set; } = [];

    /// <summary>Every generated record, by marker: the worlds' own and the guests.</summary>
    public static IReadOnlyDictionary<string, WorldRecord> Records { get; private set; } = new Dictionary<string, WorldRecord>();

    /// <summary>Guests not made because they would break a unique index (so what they would test is told).</summary>
    public static IReadOnlyList<string> GuestsLeftOut { get; private set; } = [];

    public static int IndexOf(string entity) => Entities.Select((e, i) => (e, i)).Single(x => x.e.DisplayName() == entity).i;

    private static readonly (string Role, OrganisationKind Kind)[] RoleKinds =
    [
        (Roles.ProvinceAdmin, OrganisationKind.Department),
        (Roles.DepartmentOfficer, OrganisationKind.Department),
        (Roles.Inspector, OrganisationKind.Inspectorate),
        (Roles.CommuneOfficer, OrganisationKind.CommuneGovernment),
        (Roles.InstitutionStaff, OrganisationKind.TrainingInstitution),
        (Roles.Enterprise, OrganisationKind.Enterprise),
        (Roles.EmploymentCentre, OrganisationKind.EmploymentCentre),
        (Roles.SocialPolicyBank, OrganisationKind.SocialPolicyBank),
    ];

    private static readonly OrganisationKind[] Kinds =
    [
        OrganisationKind.CommuneGovernment, OrganisationKind.TrainingInstitution, OrganisationKind.Enterprise,
        OrganisationKind.EmploymentCentre, OrganisationKind.SocialPolicyBank, OrganisationKind.Department, OrganisationKind.Inspectorate,
    ];

    /// <summary>
    /// Values the generic rules cannot guess, by "Entity.Property". Keep this short: a hint is only
    /// for a property whose value must have a form (JSON, a code the app looks up) or a meaning.
    /// </summary>
    private static readonly Dictionary<string, Func<ScopeWorld, object?>> Hints = new()
    {
        // The profile IS the organisation's: its key is the organisation of that kind.
        ["EnterpriseProfile.OrganisationId"] = w => w.Organisations[OrganisationKind.Enterprise],
        ["InstitutionProfile.OrganisationId"] = w => w.Organisations[OrganisationKind.TrainingInstitution],
        // A course in progress: attendance and results pages answer only for one.
        ["Course.State"] = _ => DaoTaoNghe.Features.Courses.CourseState.Running,
        // A support rule set in force for one day in 2025 only: it must not change the support other tests compute in Lai Châu.
        ["SupportRuleSet.EffectiveTo"] = w => w.Date,
        // A tax code of the official form (10 digits, the last a check digit), unique per world within the province.
        ["EnterpriseProfile.TaxCode"] = w => TaxCode($"9876543{w.Number}"),
        // Plan sections are numbered the way the plan's text is read back ("I. …").
        ["PlanSection.Code"] = w => new[] { "I", "II", "III" }[w.Number - 1],
        // An internal material (an exam bank): its institution and the province-wide roles only, never the public site.
        ["LearningMaterial.IsPublic"] = _ => false,
        // An elementary programme has at least 300 hours.
        ["Programme.DurationHours"] = _ => 300,
    };

    private static async Task<IReadOnlyList<ScopeWorld>> BuildAsync()
    {
        var laiChau = await TestData.ProvinceAsync();
        var dienBien = await TestData.ProvinceAsync("11");
        var communeC = await TestData.WithDbAsync(db => db.AdministrativeUnits.AsNoTracking()
            .Where(u => u.Level == UnitLevel.Commune && u.ValidTo == null && u.ProvinceId == dienBien.Id)
            .OrderBy(u => u.Code).FirstAsync());
        // Communes no other test uses, so their records change nobody's figures.
        var worlds = new List<ScopeWorld>
        {
            World("A", 1, laiChau, await TestData.CommuneAsync("Xã Khoen On")),
            World("B", 2, laiChau, await TestData.CommuneAsync("Xã Nậm Sỏ")),
            World("C", 3, dienBien, communeC),
        };

        await using var scope = TestApp.Instance.SystemScope();
        var services = scope.ServiceProvider;
        // Like the demo seeder: the trail would otherwise hold every world record, readable by auditors.
        services.GetRequiredService<AuditSettings>().Enabled = false;
        var db = ScopeModel.Context(services);
        Entities = ScopeModel.WorldEntities(db.Model);

        foreach (var world in worlds)
        {
            foreach (var kind in Kinds)
            {
                var onProvince = kind is OrganisationKind.Department or OrganisationKind.Inspectorate;
                var organisation = new Organisation
                {
                    Id = world.Organisations[kind],
                    Kind = kind,
                    UnitId = onProvince ? world.ProvinceId : world.CommuneId,
                    ProvinceId = world.ProvinceId,
                };
                organisation.SetName($"Tổ chức thử phạm vi {world.Name} {kind} {world.PublicMarker('z', (int)kind)}");
                db.Add(organisation);
            }
        }
        await db.SaveChangesAsync();

        var users = services.GetRequiredService<UserManager<AppUser>>();
        foreach (var world in worlds)
            foreach (var actor in world.Actors.Values)
            {
                var user = new AppUser
                {
                    Id = actor.UserId, UserName = actor.UserName, OrganisationId = actor.OrganisationId,
                    FullName = $"Người dùng thử {world.Name} {world.PublicMarker('y', Array.IndexOf(Roles.All.ToArray(), actor.Role))}",
                    CreatedAt = world.Date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                };
                var created = await users.CreateAsync(user, TestApp.Password);
                if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
                await users.AddToRoleAsync(user, actor.Role);
            }

        var ethnicGroup = await TestData.WithDbAsync(db => db.EthnicGroups.AsNoTracking().OrderBy(g => g.Id).Select(g => g.Id).FirstAsync());
        var records = new Dictionary<string, WorldRecord>();
        var unique = new UniqueIndexes();
        var ordered = InDependencyOrder(Entities);
        foreach (var world in worlds)
        {
            foreach (var entity in ordered)
            {
                var marker = world.Marker(IndexOf(entity.DisplayName()));
                var record = Generate(entity, world, marker, ethnicGroup, guest: null);
                var key = KeyOf(entity, record);
                world.Keys[entity.DisplayName()] = key;
                if (unique.Clash(entity, record) is { } clash)
                    throw new InvalidOperationException($"World {world}'s {entity.DisplayName()} breaks the unique index ({clash}): add a hint in ScopeWorlds.Hints.");
                records[marker] = new WorldRecord(world, entity.DisplayName(), null, key, marker);
                db.Add(record);
            }
        }
        // Guests: B's and C's record of each entity that points, through one foreign key, at world A's record.
        var leftOut = new List<string>();
        foreach (var owner in worlds.Skip(1))
        {
            foreach (var entity in ordered)
            {
                var foreignKeys = entity.GetForeignKeys().ToList();
                for (var via = 0; via < foreignKeys.Count; via++)
                {
                    var foreignKey = foreignKeys[via];
                    if (foreignKey.PrincipalEntityType == entity || !Entities.Contains(foreignKey.PrincipalEntityType)) continue;
                    var navigation = foreignKey.DependentToPrincipal?.Name ?? foreignKey.Properties[0].Name;
                    var marker = owner.GuestMarker(IndexOf(entity.DisplayName()), via);
                    var record = Generate(entity, owner, marker, ethnicGroup, guest: (foreignKey, worlds[0], via));
                    if (unique.Clash(entity, record) is { } clash && !Unclash(entity, record, foreignKey, owner, records, unique))
                    {
                        leftOut.Add($"{entity.DisplayName()} of world {owner} in world A's {navigation} ({clash})");
                        continue;
                    }
                    records[marker] = new WorldRecord(owner, entity.DisplayName(), navigation, KeyOf(entity, record), marker);
                    db.Add(record);
                }
            }
        }
        Records = records;
        GuestsLeftOut = leftOut;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException failed)
        {
            throw new InvalidOperationException(
                "Could not insert the scope worlds' records; a property probably needs a value the generic rules cannot guess "
                + "(add a hint in ScopeWorlds.Hints): " + failed.InnerException?.Message, failed);
        }
        return worlds;
    }

    private static ScopeWorld World(string name, int number, AdministrativeUnit province, AdministrativeUnit commune)
    {
        var world = new ScopeWorld
        {
            Name = name, Letter = char.ToLowerInvariant(name[0]), Number = number, Id = WorldsBase + 100 * number,
            ProvinceId = province.Id, ProvinceCode = province.Code, CommuneId = commune.Id, CommuneName = commune.Name,
        };
        foreach (var kind in Kinds) world.Organisations[kind] = world.Id + (int)kind;
        for (var i = 0; i < RoleKinds.Length; i++)
        {
            var (role, kind) = RoleKinds[i];
            world.Actors[role] = new ScopeActor(role, world.Id + 11 + i, $"scope.{world.Letter}.{role.ToLowerInvariant()}", world.Organisations[kind], world);
        }
        return world;
    }

    private static List<IEntityType> InDependencyOrder(IReadOnlyList<IEntityType> entities)
    {
        var ordered = new List<IEntityType>();
        var state = new Dictionary<IEntityType, bool>();
        void Visit(IEntityType entity, Stack<string> path)
        {
            if (state.TryGetValue(entity, out var done))
            {
                if (!done) throw new InvalidOperationException($"Scoped entities depend on each other in a cycle: {string.Join(" → ", path.Reverse())} → {entity.DisplayName()}; the world builder needs a hint to break it.");
                return;
            }
            state[entity] = false;
            path.Push(entity.DisplayName());
            foreach (var principal in entity.GetForeignKeys().Select(f => f.PrincipalEntityType).Where(p => p != entity && entities.Contains(p)))
                Visit(principal, path);
            path.Pop();
            state[entity] = true;
            ordered.Add(entity);
        }
        foreach (var entity in entities) Visit(entity, new Stack<string>());
        return ordered;
    }

    private static object Generate(IEntityType entity, ScopeWorld world, string marker, int ethnicGroup, (IForeignKey ForeignKey, ScopeWorld Host, int Via)? guest)
    {
        var record = Activator.CreateInstance(entity.ClrType, nonPublic: true)
            ?? throw new InvalidOperationException($"Cannot create a {entity.DisplayName()}.");
        foreach (var property in entity.GetProperties())
        {
            if (property.IsShadowProperty())
                throw new InvalidOperationException($"{entity.DisplayName()}.{property.Name} is a shadow property; the world builder fills CLR properties only (add support or a hint).");
            var (set, value) = ValueFor(entity, property, world, marker, ethnicGroup, Read(property, record));
            if (guest is { } g)
            {
                var index = g.ForeignKey.Properties.ToList().IndexOf(property);
                if (index >= 0) (set, value) = (true, Convert(g.Host.Keys[g.ForeignKey.PrincipalEntityType.DisplayName()][index], property.ClrType));
                // A guest's own key and its other unique parts differ from its owner's record.
                else if (property.IsPrimaryKey() && property.ClrType is var t && (t == typeof(int) || t == typeof(long)) && !property.IsForeignKey())
                    (set, value) = (true, OwnKey(world.Id + 50 + g.Via, property.ClrType));
                else if (property.Name.EndsWith("Year", StringComparison.Ordinal) && value is int) value = ScopeWorld.Year - world.Number;
                else if (property.IsPrimaryKey() && value is Enum member) value = NextMember(member, world.Number);
            }
            if (set) Write(property, record, value);
        }
        return record;
    }

    /// <summary>
    /// Makes a guest that breaks a unique index fit: another value for the index's own columns
    /// (enum member, number, date), or another record of the owner for its other foreign keys
    /// (the owner's guest of that entity). False when nothing fits.
    /// </summary>
    private static bool Unclash(IEntityType entity, object record, IForeignKey via, ScopeWorld owner,
        Dictionary<string, WorldRecord> records, UniqueIndexes unique)
    {
        foreach (var index in entity.GetIndexes().Where(i => i.IsUnique))
        {
            foreach (var property in index.Properties.Where(p => !via.Properties.Contains(p)))
            {
                var before = Read(property, record);
                var others = new List<object?>();
                if (property.GetContainingForeignKeys().FirstOrDefault() is { } foreignKey && Entities.Contains(foreignKey.PrincipalEntityType))
                    others.AddRange(records.Values
                        .Where(r => r.Owner == owner && r.Via is not null && r.Entity == foreignKey.PrincipalEntityType.DisplayName())
                        .Select(r => r.Key[foreignKey.Properties.ToList().IndexOf(property)]));
                else if (before is Enum member) others.Add(NextMember(member, owner.Number));
                else if (before is int number && !property.IsForeignKey()) others.Add(number + 10);
                else if (before is DateOnly date) others.Add(date.AddDays(10));
                foreach (var other in others)
                {
                    Write(property, record, other);
                    if (unique.Clash(entity, record) is null) return true;
                }
                Write(property, record, before);
            }
        }
        return false;
    }

    private static object NextMember(Enum member, int steps)
    {
        var members = member.GetType().GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.GetValue(null)!).ToList();
        return members[(members.IndexOf(member) + steps) % members.Count];
    }

    private static object?[] KeyOf(IEntityType entity, object record) => entity.FindPrimaryKey()!.Properties.Select(p => Read(p, record)).ToArray();

    /// <summary>The values each unique index (and primary key) of each entity has taken so far.</summary>
    private sealed class UniqueIndexes
    {
        private readonly HashSet<string> _taken = [];

        /// <summary>The index the record would break, or null (and then its values are taken).</summary>
        public string? Clash(IEntityType entity, object record)
        {
            var indexes = entity.GetIndexes().Where(i => i.IsUnique).Select(i => i.Properties)
                .Append(entity.FindPrimaryKey()!.Properties).ToList();
            var keys = new List<string>();
            foreach (var properties in indexes)
            {
                var values = properties.Select(p => Read(p, record)).ToList();
                if (values.Any(v => v is null)) continue; // NULLs never clash
                var key = $"{entity.DisplayName()}({string.Join(",", properties.Select(p => p.Name))})={string.Join("|", values)}";
                if (_taken.Contains(key)) return string.Join(", ", properties.Select(p => p.Name));
                keys.Add(key);
            }
            _taken.UnionWith(keys);
            return null;
        }
    }

    /// <summary>The value a world's record gets for one property, or (false, _) to keep what the constructor set.</summary>
    private static (bool Set, object? Value) ValueFor(IEntityType entity, IProperty property, ScopeWorld world, string marker, int ethnicGroup, object? initial)
    {
        var name = property.Name;
        var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        if (Hints.TryGetValue($"{entity.DisplayName()}.{name}", out var hint)) return (true, hint(world));

        var foreignKey = property.GetContainingForeignKeys().FirstOrDefault();
        if (foreignKey is not null)
        {
            var principal = foreignKey.PrincipalEntityType;
            var navigation = foreignKey.DependentToPrincipal?.Name ?? name;
            var index = foreignKey.Properties.ToList().IndexOf(property);
            if (principal == entity) return (true, null); // a record pointing at itself (merged into, replaces) stays empty
            return (true, Convert(PrincipalKey(entity, principal, navigation, world, ethnicGroup)[index], property.ClrType));
        }

        if (property.IsPrimaryKey() && type is { } t && (t == typeof(int) || t == typeof(long)))
            return (true, OwnKey(world.Id, property.ClrType));

        if (type == typeof(string) || (type == typeof(long) && name is "FileSize" or "Size"))
            if (StoredFile(name, marker) is { } file) return (true, Convert(file, property.ClrType));

        if (type == typeof(string) && !Formatted(name))
        {
            // Optional texts too: the more of a record a page shows, the more a leak shows.
            var max = property.GetMaxLength() ?? 100;
            return (true, marker.Length <= max ? marker : marker[..max]);
        }

        if (property.IsNullable && !property.IsPrimaryKey()) return (true, null);
        if (type == typeof(string)) return (true, marker);
        if (type.IsEnum) return (true, type.GetFields(BindingFlags.Public | BindingFlags.Static)[0].GetValue(null));
        if (type == typeof(DateOnly)) return (true, name.Contains("Birth", StringComparison.Ordinal) ? world.Date.AddYears(-35) : world.Date);
        if (type == typeof(DateTime)) return (true, world.Date.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc));
        if (type == typeof(int) || type == typeof(long))
        {
            if (name.EndsWith("Year", StringComparison.Ordinal)) return (true, Convert(ScopeWorld.Year, type));
            if (IdByName(entity, name, world) is { } id) return (true, Convert(id, type));
            // Counts, quotas, hours and amounts the forms require to be positive (money: whole đồng).
            if (Equals(initial, 0)) return (true, 1);
            if (Equals(initial, 0L)) return (true, 1_000_000L);
            return (false, initial);
        }
        if (type == typeof(double) && Equals(initial, 0d)) return (true, 1d);
        return (false, initial);
    }

    /// <summary>A valid tax code starting with <paramref name="prefix"/> (8 digits): weights 31…3, check = 10 − sum mod 11.</summary>
    private static string TaxCode(string prefix)
    {
        int[] weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
        for (var ninth = 0; ninth <= 9; ninth++)
        {
            var nine = prefix + ninth;
            var check = 10 - nine.Select((c, i) => (c - '0') * weights[i]).Sum() % 11;
            if (check is >= 0 and <= 9) return nine + check;
        }
        throw new InvalidOperationException($"No tax code starts with {prefix}.");
    }

    /// <summary>Texts with a form the app reads (numbers, addresses, JSON, hashes): left empty when optional.</summary>
    private static bool Formatted(string name) =>
        new[] { "Phone", "Email", "Url", "Cccd", "Json", "Key", "Sha256", "ContentType", "FileName" }.Any(f => name.Contains(f, StringComparison.Ordinal));

    /// <summary>
    /// A record that names a stored file gets a real one (its text is the record's marker), so a
    /// download route serves it and a leaked download shows whose file it was.
    /// </summary>
    private static object? StoredFile(string name, string marker)
    {
        var content = Encoding.UTF8.GetBytes($"Tệp thử phạm vi {marker}\n");
        var key = $"scope-worlds/{marker}.txt";
        if (name.EndsWith("FileKey", StringComparison.Ordinal))
        {
            var root = TestApp.Instance.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Files:Root"]!;
            var path = Path.Combine(root, key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, content);
            return key;
        }
        if (name.EndsWith("FileName", StringComparison.Ordinal)) return marker + ".txt";
        if (name == "ContentType") return "text/plain; charset=utf-8";
        if (name.EndsWith("Sha256", StringComparison.Ordinal)) return System.Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content));
        if (name is "FileSize" or "Size") return (long)content.Length;
        return null;
    }

    /// <summary>A non-foreign-key id column, by its name: units, organisations, users, else the world's record id.</summary>
    private static int? IdByName(IEntityType entity, string name, ScopeWorld world)
    {
        if (!name.EndsWith("Id", StringComparison.Ordinal)) return null;
        if (name.EndsWith("ProvinceId", StringComparison.Ordinal)) return world.ProvinceId;
        if (name.EndsWith("CommuneId", StringComparison.Ordinal) || name == "UnitId") return world.CommuneId;
        if (name.EndsWith("UserId", StringComparison.Ordinal)) return world.Actors[Roles.CommuneOfficer].UserId;
        if (OrganisationKindFor(entity, name) is { } kind) return world.Organisations[kind];
        return world.Id;
    }

    /// <summary>The organisation a column or navigation means, by its name; generic "organisation" columns are the commune's government.</summary>
    private static OrganisationKind? OrganisationKindFor(IEntityType entity, string name)
    {
        if (name.Contains("Institution", StringComparison.Ordinal)) return OrganisationKind.TrainingInstitution;
        if (name.Contains("Enterprise", StringComparison.Ordinal)) return OrganisationKind.Enterprise;
        if (name.Contains("Bank", StringComparison.Ordinal)) return OrganisationKind.SocialPolicyBank;
        if (name.Contains("Organiser", StringComparison.Ordinal)) return OrganisationKind.EmploymentCentre;
        if (name.StartsWith("RecordedBy", StringComparison.Ordinal)) return OrganisationKind.EmploymentCentre;
        if (name.StartsWith("IssuedBy", StringComparison.Ordinal) || name.StartsWith("Receiver", StringComparison.Ordinal)) return OrganisationKind.Department;
        if (name.Contains("Organisation", StringComparison.Ordinal)) return OrganisationKind.CommuneGovernment;
        return null;
    }

    private static object?[] PrincipalKey(IEntityType entity, IEntityType principal, string navigation, ScopeWorld world, int ethnicGroup)
    {
        switch (principal.ClrType.Name)
        {
            case nameof(AdministrativeUnit):
                return [navigation.Contains("Province", StringComparison.Ordinal) ? world.ProvinceId : world.CommuneId];
            case nameof(Organisation):
                return [world.Organisations[OrganisationKindFor(entity, navigation + "Id") ?? OrganisationKind.CommuneGovernment]];
            case nameof(AppUser):
                return [world.Actors[Roles.CommuneOfficer].UserId];
            case "EthnicGroup":
                return [ethnicGroup];
        }
        if (world.Keys.TryGetValue(principal.DisplayName(), out var key)) return key;
        throw new InvalidOperationException(
            $"{entity.DisplayName()}.{navigation} refers to {principal.DisplayName()}, which the scope worlds do not hold: add a rule or a hint in ScopeWorlds.");
    }

    /// <summary>
    /// A record's own key: in a bigint-keyed table the world's number moves to the top of Lai Châu's bigint
    /// range, so that no key looks like one from before the ranges (a second app start would renumber it).
    /// </summary>
    private static object? OwnKey(int key, Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) == typeof(long)
            ? KeyRanges.For(12, typeof(long)).Last - 1_000_000 + (key - WorldsBase)
            : Convert(key, type);

    private static object? Convert(object? value, Type type)
    {
        if (value is null) return null;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target.IsEnum ? value : System.Convert.ChangeType(value, target);
    }

    private static object? Read(IProperty property, object record) =>
        property.PropertyInfo is { } p ? p.GetValue(record) : property.FieldInfo?.GetValue(record);

    private static void Write(IProperty property, object record, object? value)
    {
        if (property.PropertyInfo is { } p && p.GetSetMethod(nonPublic: true) is { } setter) setter.Invoke(record, [value]);
        else if (property.FieldInfo is { } f) f.SetValue(record, value);
        else throw new InvalidOperationException($"Cannot set {property.DeclaringType.DisplayName()}.{property.Name}.");
    }

    // ------------------------------------------------------------------ reading the worlds back

    /// <summary>
    /// Which of the generated records <paramref name="caller"/> may read, according to the EF query
    /// filters themselves (the definition of scope): marker → visible.
    /// </summary>
    public static async Task<Dictionary<string, bool>> VisibilityAsync(DataScope caller)
    {
        await using var scope = TestApp.Instance.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScopeAccessor>().Current = caller;
        var db = ScopeModel.Context(scope.ServiceProvider);
        var visible = new Dictionary<string, bool>();
        foreach (var record in Records.Values)
            visible[record.Marker] = await ExistsAsync(db, Entity(record.Entity), record.Key, ignoreFilters: false);
        return visible;
    }

    public static IEntityType Entity(string name) => Entities.Single(e => e.DisplayName() == name);

    /// <summary>Every column of every record of the world, as text: equal before and after means nothing changed.</summary>
    public static async Task<string> SnapshotAsync(ScopeWorld world)
    {
        await using var scope = TestApp.Instance.SystemScope();
        var db = ScopeModel.Context(scope.ServiceProvider);
        var text = new StringBuilder();
        foreach (var owned in Records.Values.Where(r => r.Owner == world).OrderBy(r => r.Marker, StringComparer.Ordinal))
        {
            var entity = Entity(owned.Entity);
            var record = await FindAsync(db, entity, owned.Key);
            text.Append(owned).Append(':');
            if (record is null) text.Append("(deleted)");
            else
                foreach (var property in entity.GetProperties())
                    text.Append(property.Name).Append('=').Append(Read(property, record)).Append(';');
            text.AppendLine();
        }
        foreach (var organisation in await db.Set<Organisation>().AsNoTracking().Where(o => world.Organisations.Values.Contains(o.Id)).OrderBy(o => o.Id).ToListAsync())
            text.AppendLine($"Organisation {organisation.Id}: {organisation.Name};{organisation.IsActive};{organisation.UnitId};{organisation.Kind}");
        return text.ToString();
    }

    private static Task<bool> ExistsAsync(DbContext db, IEntityType entity, object?[] key, bool ignoreFilters) =>
        (Task<bool>)typeof(ScopeWorlds).GetMethod(nameof(ExistsTypedAsync), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(entity.ClrType).Invoke(null, [db, entity, key, ignoreFilters])!;

    private static Task<object?> FindAsync(DbContext db, IEntityType entity, object?[] key) =>
        (Task<object?>)typeof(ScopeWorlds).GetMethod(nameof(FindTypedAsync), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(entity.ClrType).Invoke(null, [db, entity, key])!;

    private static Task<bool> ExistsTypedAsync<T>(DbContext db, IEntityType entity, object?[] key, bool ignoreFilters) where T : class
    {
        IQueryable<T> query = db.Set<T>();
        if (ignoreFilters) query = query.IgnoreQueryFilters();
        return query.AnyAsync(ByKey<T>(entity, key));
    }

    private static async Task<object?> FindTypedAsync<T>(DbContext db, IEntityType entity, object?[] key) where T : class =>
        await db.Set<T>().IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(ByKey<T>(entity, key));

    private static Expression<Func<T, bool>> ByKey<T>(IEntityType entity, object?[] key)
    {
        var parameter = Expression.Parameter(typeof(T), "e");
        Expression? body = null;
        var properties = entity.FindPrimaryKey()!.Properties;
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var column = Expression.Call(typeof(EF), nameof(EF.Property), [property.ClrType], parameter, Expression.Constant(property.Name));
            var equal = Expression.Equal(column, Expression.Constant(key[i], property.ClrType));
            body = body is null ? equal : Expression.AndAlso(body, equal);
        }
        return Expression.Lambda<Func<T, bool>>(body!, parameter);
    }
}
