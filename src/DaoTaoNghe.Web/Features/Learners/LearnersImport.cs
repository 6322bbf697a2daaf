using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Import;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// The lists of people communes keep in Excel, one row per person, checked by the learner form's
/// rules. A row finds its record by CCCD; without one, by name, birth date and commune as the
/// form's duplicate check does (diacritics ignored). A row only adds or corrects: an empty cell
/// keeps what is recorded, priority categories are added to those recorded, and nothing is
/// erased. A CCCD that disagrees with the row's sex or birth year must be confirmed in its own
/// column; sensitive data needs a consent on record or given in the row. Records outside the
/// caller's scope and merged records are refused row by row, never updated.
/// </summary>
public sealed class LearnersImport(AppDbContext db, IValidator<LearnersImport.Row> validator, IValidator<LearnerFields> fieldsValidator, TimeProvider clock,
    PopulationChecks population)
    : ImportTemplate<LearnersImport.Row, AppDbContext>(db)
{
    /// <summary>A row as a commune's list gives a person: the form's fields, the household status and the consent.</summary>
    public sealed class Row : LearnerFields, Create.IHouseholdAndConsent
    {
        [Display(Name = "Năm xác định hộ")] public int? HouseholdYear { get; set; }
        [Display(Name = "Hộ nghèo, cận nghèo")] public HouseholdStatus? HouseholdStatus { get; set; }
        [Display(Name = "Đồng ý xử lý dữ liệu cá nhân")] public bool ConsentGiven { get; set; }
        [Display(Name = "Ngày đồng ý")] public DateOnly? ConsentDate { get; set; }
        public string? ConsentPurpose => Create.DefaultPurpose;

        /// <summary>A commune's list is the paper its people signed.</summary>
        public ConsentMethod? ConsentMethod => Learners.ConsentMethod.SignedList;
    }

    /// <summary>The form's rules for the fields, the household status and the consent; consent on record is checked when the row is applied.</summary>
    public sealed class RowValidator : AbstractValidator<Row>
    {
        public RowValidator(TimeProvider clock)
        {
            Include(new LearnerFields.Validator(clock));
            Include(new Create.HouseholdAndConsentRules<Row>(clock));
        }
    }

    private const string MismatchColumn = "Xác nhận lệch CCCD";
    private const string ConsentColumn = "Đồng ý xử lý dữ liệu cá nhân";

    private CommuneCatalogue? _communes;
    private Dictionary<int, CommuneCatalogue.Entry> _communeById = [];
    private EthnicCatalogue? _ethnicGroups;
    private DateOnly _today;

    // What earlier rows of this file did, so that a later row meeting the same person fares alike in a
    // dry run (nothing saved) and a commit (earlier batches saved, so the database shows what they did).
    private readonly Dictionary<PersonKey, (int Row, string? Cccd)> _people = [];
    private readonly Dictionary<int, int> _rowOfLearner = [];
    private readonly HashSet<int> _createdIds = [];
    private readonly List<Learner> _createdInBatch = [];

    public override string Code => "nguoi-hoc";
    public override string Name => "Người học";
    public override string Summary =>
        "Danh sách người học (người lao động nông thôn) của xã, phường: họ tên, ngày sinh, giới tính, số CCCD, dân tộc, nơi cư trú, trình độ, hộ nghèo, cận nghèo, đối tượng ưu tiên và sự đồng ý xử lý dữ liệu cá nhân; mỗi người một dòng.";
    public override string KeyDescription => "Số CCCD (nếu không có: Họ và tên + Ngày sinh + Xã, phường)";
    public override string Policy => LearnerPolicies.Write;
    public override bool ContainsPersonalData => true;

    protected override bool CopiesNewRecords => true;

    public override IReadOnlyList<string> Instructions { get; } =
    [
        "Cột STT và các cột không có trong mẫu được bỏ qua.",
        "Người đã có hồ sơ được nhận ra theo số CCCD. Dòng không ghi số CCCD được so với các hồ sơ cùng họ và tên, ngày sinh và xã, phường (không phân biệt dấu, chữ hoa, chữ thường), như khi kiểm tra trùng trên biểu mẫu: khớp đúng một hồ sơ thì cập nhật hồ sơ đó; không khớp thì tạo hồ sơ mới; khớp nhiều hồ sơ thì dòng bị từ chối – hãy ghi số CCCD hoặc gộp các hồ sơ trùng trước.",
        "Dòng có số CCCD chưa có trong hệ thống, cùng họ tên, ngày sinh và xã, phường với đúng một hồ sơ chưa có số CCCD: số CCCD được ghi vào hồ sơ đó.",
        "Ô để trống ở cột không bắt buộc giữ nguyên thông tin đã có. Đối tượng ưu tiên ghi trong ô được thêm vào hồ sơ; bỏ bớt đối tượng, xóa thông tin hay rút lại sự đồng ý làm trên trang hồ sơ người học.",
        $"Số CCCD cho biết giới tính hoặc năm sinh khác với dòng: dòng bị từ chối và nêu điểm khác. Nếu đã kiểm tra và cả số CCCD lẫn thông tin trên dòng đều đúng, ghi \"Có\" ở cột \"{MismatchColumn}\" rồi tải tệp lên lại.",
        $"Dân tộc, người khuyết tật và hộ nghèo, cận nghèo là dữ liệu cá nhân nhạy cảm (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15): chỉ được ghi khi người học đã đồng ý cho xử lý dữ liệu cá nhân – sự đồng ý đã ghi nhận trong hệ thống, hoặc ghi \"Có\" ở cột \"{ConsentColumn}\" kèm ngày đồng ý (mục đích: {Create.DefaultPurpose}).",
        "Nơi cư trú là xã, phường hiện nay (sau ngày 01/7/2025) thuộc phạm vi của bạn. Hồ sơ của người học ở xã, phường ngoài phạm vi của bạn không được cập nhật; hồ sơ đã gộp vào hồ sơ khác cũng không: dòng bị từ chối và chỉ ra hồ sơ cần dùng.",
    ];

    protected override IValidator<Row> Validator => validator;

    protected override IEnumerable<ImportColumn<Row>> DefineColumns() =>
    [
        ImportColumn<Row>.For("Họ và tên", r => r.FullName, ImportParsers.Text(100))
            .Required().WithExample("Lò Thị Ún").AlsoKnownAs("Họ tên", "Họ và tên người học", "Họ và tên người lao động", "Tên người học").WithWidth(26),
        ImportColumn<Row>.For("Ngày sinh", r => r.BirthDate, ImportParsers.Date)
            .Required().WithExample("12/04/1995").AlsoKnownAs("Sinh ngày", "Ngày tháng năm sinh", "Ngày, tháng, năm sinh", "Ngày/tháng/năm sinh").WithWidth(13),
        ImportColumn<Row>.For("Giới tính", r => r.Sex, ImportParsers.Enum<Sex>())
            .Required().WithExample("Nữ").AlsoKnownAs("Nam/Nữ", "Giới").WithWidth(10),
        ImportColumn<Row>.For("Số CCCD", r => r.Cccd, CccdParser)
            .WithExample("012195001234").AlsoKnownAs("CCCD", "Số CCCD/CMND", "CCCD/CMND", "Số định danh cá nhân", "Số định danh", "Số căn cước", "Số căn cước công dân", "Căn cước công dân")
            .WithNote("Để trống nếu người học chưa có. Ô dạng văn bản để giữ các số 0 ở đầu.").WithWidth(16),
        ImportColumn<Row>.Lookup("Dân tộc", r => r.EthnicGroupId, "Mã (2 chữ số) hoặc tên dân tộc, xem trang \"Dân tộc\"", ResolveEthnicGroup)
            .WithExample("Thái").AlsoKnownAs("Mã dân tộc", "Dân tộc (mã hoặc tên)").WithNote("Chỉ ghi khi người học đã đồng ý cho xử lý dữ liệu cá nhân.").WithWidth(14),
        ImportColumn<Row>.For("Số điện thoại", r => r.Phone, ImportParsers.Phone)
            .WithExample("0912 345 678").AlsoKnownAs("Điện thoại", "SĐT", "Số ĐT", "Điện thoại liên hệ").WithWidth(14),
        ImportColumn<Row>.Lookup("Xã, phường", r => r.CommuneId, "Mã (5 chữ số) hoặc tên xã, phường hiện nay", ResolveCommune)
            .Required().AlsoKnownAs("Xã/phường", "Xã", "Phường", "Mã xã", "Nơi cư trú", "Xã, phường nơi cư trú", "Xã, phường cư trú")
            .WithNote("Nơi cư trú: xã, phường hiện nay thuộc phạm vi của bạn (xem trang \"Xã, phường\").").WithWidth(22),
        ImportColumn<Row>.For("Thôn, bản", r => r.Address, ImportParsers.Text(300))
            .WithExample("Bản Nà Bó").AlsoKnownAs("Thôn/bản", "Thôn", "Bản", "Thôn, bản, tổ dân phố", "Địa chỉ", "Thôn, bản, địa chỉ").WithWidth(22),
        ImportColumn<Row>.For("Trình độ học vấn", r => r.EducationLevel, EducationParser)
            .WithExample(Fmt.Enum(EducationLevel.LowerSecondary)).AlsoKnownAs("Trình độ văn hóa", "Trình độ", "Học vấn", "Trình độ học vấn, chuyên môn").WithWidth(20),
        ImportColumn<Row>.For("Hộ nghèo, cận nghèo", r => r.HouseholdStatus, HouseholdParser)
            .WithExample(Fmt.Enum(HouseholdStatus.NearPoor)).AlsoKnownAs("Hộ nghèo/cận nghèo", "Hộ nghèo/hộ cận nghèo", "Thuộc hộ", "Hộ gia đình", "Tình trạng hộ gia đình")
            .WithNote("Cần năm xác định hộ và sự đồng ý của người học.").WithWidth(22),
        ImportColumn<Row>.For("Năm xác định hộ", r => r.HouseholdYear, YearParser)
            .AlsoKnownAs("Năm hộ nghèo", "Năm xác định hộ nghèo", "Năm xác định").WithWidth(12),
        ImportColumn<Row>.For("Đối tượng ưu tiên", r => r.Categories, PriorityParser)
            .WithExample(Fmt.Enum(PriorityCategory.DemobilisedSoldier)).AlsoKnownAs("Đối tượng", "Đối tượng chính sách", "Thuộc đối tượng", "Đối tượng ưu tiên khác")
            .WithNote("Dân tộc thiểu số suy ra từ cột Dân tộc. Người khuyết tật chỉ ghi khi người học đã đồng ý.").WithWidth(30),
        ImportColumn<Row>.For(ConsentColumn, r => r.ConsentGiven, ImportParsers.YesNo)
            .WithExample("Có").AlsoKnownAs("Đồng ý xử lý dữ liệu", "Đồng ý", "Đồng ý xử lý DLCN", "Người học đồng ý").WithWidth(14),
        ImportColumn<Row>.For("Ngày đồng ý", r => r.ConsentDate, ImportParsers.Date)
            .AlsoKnownAs("Ngày người học đồng ý").WithWidth(13),
        ImportColumn<Row>.For(MismatchColumn, r => r.ConfirmCccdMismatch, ImportParsers.YesNo)
            .AlsoKnownAs("Xác nhận CCCD", "Xác nhận lệch số CCCD")
            .WithNote("Chỉ ghi \"Có\" khi đã kiểm tra: số CCCD đúng dù cho biết giới tính hoặc năm sinh khác với dòng.").WithWidth(14),
    ];

    /// <summary>A CCCD typed into a number cell lost its leading zeros (every birth-province code starts with 0): they are put back.</summary>
    private static readonly ImportParser<string?> CccdParser = new("12 chữ số (số định danh cá nhân)", cell =>
    {
        var number = Learners.Cccd.Normalize(cell.Text);
        if (number is not null && cell.Number is not null && number.Length is 10 or 11 && number.All(char.IsAsciiDigit))
            number = number.PadLeft(Learners.Cccd.Length, '0');
        return ImportParse.Ok(number);
    });

    private static readonly ImportParser<int?> YearParser = new("Năm, 4 chữ số (vd 2026)", ImportParsers.Integer.Parse, ImportCellKind.Number);

    private static readonly ImportParser<EducationLevel?> EducationParser = ImportParsers.Enum<EducationLevel>(
        ("mu chu", EducationLevel.NoSchooling), ("0/12", EducationLevel.NoSchooling),
        ("th", EducationLevel.Primary), ("5/12", EducationLevel.Primary), ("cap 1", EducationLevel.Primary),
        ("thcs", EducationLevel.LowerSecondary), ("9/12", EducationLevel.LowerSecondary), ("cap 2", EducationLevel.LowerSecondary),
        ("thpt", EducationLevel.UpperSecondary), ("12/12", EducationLevel.UpperSecondary), ("cap 3", EducationLevel.UpperSecondary),
        ("tc", EducationLevel.Intermediate), ("cd", EducationLevel.College), ("dh", EducationLevel.University));

    private static readonly ImportParser<HouseholdStatus?> HouseholdParser = ImportParsers.Enum<HouseholdStatus>(
        ("ngheo", HouseholdStatus.Poor), ("hn", HouseholdStatus.Poor),
        ("can ngheo", HouseholdStatus.NearPoor), ("hcn", HouseholdStatus.NearPoor),
        ("khong", HouseholdStatus.NotPoor), ("khong ngheo", HouseholdStatus.NotPoor));

    private static readonly IReadOnlyDictionary<string, PriorityCategory> CategoryKeys = CategoryNames();

    private static Dictionary<string, PriorityCategory> CategoryNames()
    {
        var keys = Enum.GetValues<PriorityCategory>().ToDictionary(c => TextSearch.Normalize(Fmt.Enum(c)), c => c);
        (string, PriorityCategory)[] aliases =
        [
            ("khuyet tat", PriorityCategory.Disabled), ("nkt", PriorityCategory.Disabled),
            ("nguoi co cong", PriorityCategory.PersonWithMerit), ("co cong", PriorityCategory.PersonWithMerit), ("nguoi co cong voi cach mang", PriorityCategory.PersonWithMerit),
            ("thu hoi dat", PriorityCategory.LandRecovered), ("ho bi thu hoi dat", PriorityCategory.LandRecovered), ("bi thu hoi dat", PriorityCategory.LandRecovered),
            ("xuat ngu", PriorityCategory.DemobilisedSoldier), ("bo doi xuat ngu", PriorityCategory.DemobilisedSoldier), ("quan nhan xuat ngu", PriorityCategory.DemobilisedSoldier),
            ("nu mat viec", PriorityCategory.WomanLostJob), ("lao dong nu mat viec", PriorityCategory.WomanLostJob), ("lao dong nu mat viec lam", PriorityCategory.WomanLostJob),
            ("ngu dan", PriorityCategory.Fisher),
            ("cao tuoi", PriorityCategory.ElderlyAbleToWork), ("nguoi cao tuoi", PriorityCategory.ElderlyAbleToWork),
        ];
        foreach (var (alias, category) in aliases) keys.TryAdd(alias, category);
        return keys;
    }

    /// <summary>
    /// Categories separated by semicolons or line breaks; a comma separates too, except inside the one
    /// official name that holds a comma ("Hộ bị thu hồi đất nông nghiệp, đất kinh doanh").
    /// </summary>
    private static readonly ImportParser<List<PriorityCategory>> PriorityParser = new(
        "Một hoặc nhiều đối tượng (xem trang \"Đối tượng ưu tiên\"), cách nhau bằng dấu chấm phẩy (;); \"Không\" nếu không có", cell =>
        {
            var found = new List<PriorityCategory>();
            foreach (var part in cell.Text.Split([';', '\n', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var pieces = CategoryKeys.ContainsKey(Key(part)) ? [part] : part.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                foreach (var piece in pieces)
                {
                    var key = Key(piece);
                    if (key == "khong") continue;
                    if (CategoryKeys.TryGetValue(key, out var category)) found.Add(category);
                    else
                        return ImportParse.Fail<List<PriorityCategory>>(key.Contains("dan toc")
                            ? $"\"{piece}\": dân tộc thiểu số không ghi ở cột này, hệ thống suy ra từ cột Dân tộc."
                            : $"\"{piece}\" không có trong danh sách: {string.Join("; ", Enum.GetValues<PriorityCategory>().Select(c => Fmt.Enum(c)))}.");
                }
            }
            return ImportParse.Ok(found.Distinct().ToList());

            static string Key(string text) => TextSearch.Normalize(text).Trim('.', ' ', '-');
        });

    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        _today = VietnamTime.Today(clock);
        _communes = await CommuneCatalogue.LoadAsync(Db, cancellationToken);
        _communeById = _communes.Entries.ToDictionary(e => e.Id);
        _ethnicGroups = new EthnicCatalogue(await EthnicGroupList.All(Db).AsNoTracking().Select(e => new EthnicCatalogue.Group(e.Id, e.Code, e.Name)).ToListAsync(cancellationToken));
        _people.Clear();
        _rowOfLearner.Clear();
        _createdIds.Clear();
        _createdInBatch.Clear();
    }

    /// <summary>Residence is always one of today's communes: a commune that merged on 1/7/2025 is named with its successor.</summary>
    private ImportParse<int?> ResolveCommune(ImportCell cell, Row row)
    {
        var (id, error) = _communes!.Resolve(cell.Text, null);
        if (error is not null) return ImportParse.Fail<int?>(error);
        var entry = _communeById[id!.Value];
        return entry.IsValidOn(_today)
            ? ImportParse.Ok(id)
            : ImportParse.Fail<int?>($"{entry.Name} chỉ có đến ngày {Fmt.Date(entry.ValidTo)} (nay thuộc {entry.NowName}); nơi cư trú ghi xã, phường hiện nay.");
    }

    private ImportParse<int?> ResolveEthnicGroup(ImportCell cell, Row row) =>
        _ethnicGroups!.Find(cell.Text) is { } id
            ? ImportParse.Ok<int?>(id)
            : ImportParse.Fail<int?>($"không có dân tộc \"{cell.Text}\" trong danh mục 54 dân tộc; hãy ghi mã 2 chữ số hoặc tên như trang \"Dân tộc\" của mẫu.");

    /// <summary>The learners the committed file registered are checked with the population registry, as the form's are.</summary>
    public override async Task AfterCommitAsync(CancellationToken cancellationToken)
    {
        _createdIds.UnionWith(_createdInBatch.Select(l => l.Id).Where(id => id > 0));
        _createdInBatch.Clear();
        await population.AtRegistrationAsync(_createdIds, cancellationToken);
    }

    protected override string? KeyOf(Row row) => row.Cccd ?? PersonKey.Of(row).ToString();

    /// <summary>The form's duplicate check: same name without diacritics, same birth date, same commune.</summary>
    private readonly record struct PersonKey(string SearchName, DateOnly BirthDate, int CommuneId)
    {
        public static PersonKey Of(LearnerFields fields) => new(TextSearch.Normalize(fields.FullName), fields.BirthDate!.Value, fields.CommuneId!.Value);
    }

    private sealed record Known(int Id, string? Cccd, PersonKey Person);

    private sealed record Merged(string? Cccd, PersonKey Person, int SurvivorId, string SurvivorName);

    protected override async Task ApplyAsync(IReadOnlyList<ImportItem<Row>> items, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Learners the previous batch created have their ids once a commit saved them (a dry run's keep 0).
        _createdIds.UnionWith(_createdInBatch.Select(l => l.Id).Where(id => id > 0));
        _createdInBatch.Clear();
        var cccds = items.Select(i => i.Row.Cccd).OfType<string>().Distinct().ToList();

        // Active records in scope holding the rows' CCCDs, whole, to be updated.
        var byCccd = (cccds.Count == 0 ? [] : await ByBTreeAsync(() => RecordsAsync(l => l.MergedIntoId == null && l.Cccd != null && cccds.Contains(l.Cccd), cancellationToken), cancellationToken))
            .ToDictionary(l => l.Cccd!);
        var unknown = cccds.Where(c => !byCccd.ContainsKey(c)).ToList();
        // Uniqueness is scope-blind, as on the form: a CCCD held by a record the caller cannot see blocks the row.
        var heldElsewhere = unknown.Count == 0 ? [] : (await ByBTreeAsync(() => Db.Learners.IgnoreQueryFilters()
                .Where(l => l.MergedIntoId == null && l.Cccd != null && unknown.Contains(l.Cccd)).Select(l => l.Cccd!).ToListAsync(cancellationToken), cancellationToken))
            .ToHashSet();

        // Rows not found by CCCD look for the same person by name, birth date and commune.
        var byName = items.Where(i => i.Row.Cccd is null || !byCccd.ContainsKey(i.Row.Cccd)).ToList();
        var people = new List<Known>();
        var merged = new List<Merged>();
        if (byName.Count > 0)
        {
            var names = byName.Select(i => TextSearch.Normalize(i.Row.FullName)).Distinct().ToList();
            var births = byName.Select(i => i.Row.BirthDate!.Value).Distinct().ToList();
            // A record an earlier row created or changed is not a candidate: how it looks now depends on whether that row was saved.
            people = (await ByBTreeAsync(() => Db.Learners.AsNoTracking()
                    .Where(l => l.MergedIntoId == null && names.Contains(l.SearchName) && births.Contains(l.BirthDate))
                    .Select(l => new { l.Id, l.Cccd, l.SearchName, l.BirthDate, l.CommuneId })
                    .ToListAsync(cancellationToken), cancellationToken))
                .Where(l => !_rowOfLearner.ContainsKey(l.Id) && !_createdIds.Contains(l.Id))
                .Select(l => new Known(l.Id, l.Cccd, new PersonKey(l.SearchName, l.BirthDate, l.CommuneId))).ToList();
            var gone = await ByBTreeAsync(() => Db.Learners.AsNoTracking()
                .Where(l => l.MergedIntoId != null && ((l.Cccd != null && unknown.Contains(l.Cccd)) || (names.Contains(l.SearchName) && births.Contains(l.BirthDate))))
                .Select(l => new { l.Cccd, l.SearchName, l.BirthDate, l.CommuneId, SurvivorId = l.MergedIntoId!.Value })
                .ToListAsync(cancellationToken), cancellationToken);
            // Survivors' names only when a merged record turned up: joining the survivor in the query above makes PostgreSQL read every learner in scope.
            var survivorIds = gone.Select(g => g.SurvivorId).Distinct().ToList();
            var survivors = survivorIds.Count == 0 ? [] : await Db.Learners.AsNoTracking().Where(l => survivorIds.Contains(l.Id))
                .ToDictionaryAsync(l => l.Id, l => l.FullName, cancellationToken);
            merged = gone.Select(l => new Merged(l.Cccd, new PersonKey(l.SearchName, l.BirthDate, l.CommuneId), l.SurvivorId, survivors.GetValueOrDefault(l.SurvivorId, ""))).ToList();
        }
        var samePerson = people.ToLookup(p => p.Person);
        var matchedIds = byName
            .Select(i => samePerson[PersonKey.Of(i.Row)].Where(p => i.Row.Cccd is null || p.Cccd is null).ToList())
            .Where(found => found.Count == 1).Select(found => found[0].Id).Distinct().ToList();
        var byId = (matchedIds.Count == 0 ? [] : await RecordsAsync(l => matchedIds.Contains(l.Id), cancellationToken)).ToDictionary(l => l.Id);

        foreach (var item in items)
        {
            var row = item.Row;
            var person = PersonKey.Of(row);
            if (_people.TryGetValue(person, out var first) && (first.Cccd is null || row.Cccd is null))
            {
                item.Reject($"Trùng với dòng {first.Row}: cùng họ tên, ngày sinh và xã, phường; mỗi người chỉ được có một dòng trong tệp.", nameof(Row.FullName));
                continue;
            }
            Learner? learner = null;
            if (row.Cccd is { } cccd)
            {
                if (heldElsewhere.Contains(cccd))
                {
                    item.Reject("Số CCCD này đã có trong hồ sơ của một người học ngoài phạm vi của bạn; hồ sơ đó không được cập nhật. Liên hệ Sở Giáo dục và Đào tạo để chuyển hồ sơ về đơn vị của bạn.", nameof(Row.Cccd));
                    continue;
                }
                if (!byCccd.TryGetValue(cccd, out learner) && merged.FirstOrDefault(m => m.Cccd == cccd) is { } gone)
                {
                    item.Reject(MergedMessage("Hồ sơ có số CCCD này", gone), nameof(Row.Cccd));
                    continue;
                }
            }
            if (learner is null)
            {
                var found = samePerson[person].Where(p => row.Cccd is null || p.Cccd is null).ToList();
                if (found.Count > 1)
                {
                    item.Reject($"Có {found.Count} hồ sơ cùng họ tên, ngày sinh và xã, phường (mã hồ sơ {string.Join(", ", found.Select(f => f.Id))}): "
                        + "hãy ghi số CCCD để chỉ đúng người, hoặc gộp các hồ sơ trùng (trang Hồ sơ có thể trùng) rồi tải lên lại.", nameof(Row.FullName));
                    continue;
                }
                if (found.Count == 1) learner = byId[found[0].Id];
                else if (merged.FirstOrDefault(m => m.Person == person && (row.Cccd is null || m.Cccd is null)) is { } gone)
                {
                    item.Reject(MergedMessage("Hồ sơ cùng họ tên, ngày sinh và xã, phường này", gone), nameof(Row.FullName));
                    continue;
                }
            }

            if (learner is not null && _rowOfLearner.TryGetValue(learner.Id, out var earlier))
            {
                item.Reject($"Trùng với dòng {earlier}: cùng một người học (mã hồ sơ {learner.Id}); mỗi người chỉ được có một dòng trong tệp.");
                continue;
            }

            var (fields, cccdCheck) = Effective(row, learner);
            if (Check(row, learner, fields, cccdCheck) is { } problem)
            {
                item.Reject(problem.Message, problem.Column);
                continue;
            }
            var isNew = learner is null;
            learner ??= new Learner { CreatedAt = now, UpdatedAt = now };
            if (row.ConsentGiven && !learner.HasConsentOn(_today))
                learner.Consents.Add(new LearnerConsent
                {
                    Purpose = Create.DefaultPurpose, GivenOn = row.ConsentDate!.Value, RecordedBy = Db.Scope.UserName ?? "", RecordedAt = now,
                    Method = ConsentMethod.SignedList, NoticeVersion = ConsentNotice.Version,
                });
            var communeBefore = learner.CommuneId;
            LearnerFields.Writer.Assign(learner, fields, cccdCheck, Db.Scope.ProvinceId);
            // Registered today, where they live today (one of today's communes); a corrected commune re-places the registration.
            if (isNew) learner.RegisteredCommuneId = learner.CommuneId;
            else if (learner.CommuneId != communeBefore) await Registrations.PlaceAsync(Db, learner, cancellationToken);
            if (row.HouseholdStatus is { } status)
            {
                var household = learner.Households.SingleOrDefault(h => h.Year == row.HouseholdYear);
                if (household is null) learner.Households.Add(new LearnerHousehold { Year = row.HouseholdYear!.Value, Status = status });
                else household.Status = status;
            }

            if (isNew)
            {
                Db.Learners.Add(learner);
                _createdInBatch.Add(learner);
            }
            else
            {
                _rowOfLearner[learner.Id] = item.RowNumber;
                if (Changed(learner)) learner.UpdatedAt = now;
            }
            _people[person] = (item.RowNumber, learner.Cccd);
            item.Saved(learner);
        }
    }

    /// <summary>
    /// Learners in scope with the parts a row may change, tracked. The learners are read through the
    /// scope filter; their parts then by those learners' ids alone. Included, each part's query would
    /// repeat the learners' scope filter in a subquery that PostgreSQL answers by reading every
    /// learner in scope, batch after batch (the re-run of a 50,000-row file spent most of its time
    /// there). The parts' own filter adds nothing for the roles that see sensitive parts (all the template's roles).
    /// </summary>
    private async Task<List<Learner>> RecordsAsync(Expression<Func<Learner, bool>> which, CancellationToken cancellationToken)
    {
        var learners = await Db.Learners.Where(which).ToListAsync(cancellationToken);
        var ids = learners.Select(l => l.Id).ToList();
        if (ids.Count == 0) return learners;
        await Parts(Db.LearnerPriorities).Where(p => ids.Contains(p.LearnerId)).LoadAsync(cancellationToken);
        await Parts(Db.LearnerHouseholds).Where(h => ids.Contains(h.LearnerId)).LoadAsync(cancellationToken);
        await Parts(Db.LearnerConsents).Where(c => ids.Contains(c.LearnerId)).LoadAsync(cancellationToken);
        return learners;

        IQueryable<T> Parts<T>(DbSet<T> parts) where T : class => LearnerAccess.SeesSensitive(Db.Scope) ? parts.IgnoreQueryFilters() : parts;
    }

    /// <summary>
    /// Runs a lookup of the batch's CCCDs, or names and birth dates, on a B-tree (the unique CCCD index, the name and birth
    /// date index). Inside a commit's transaction, after some 4,000 rows, PostgreSQL turned <c>cccd = ANY(…)</c> into a
    /// bitmap scan of the CCCD trigram index, which reads the whole pending list of the transaction's own new entries on
    /// every lookup: a batch's lookups grew from 2 ms to 2.6 s. The name lookup did the same on the name's trigram index
    /// (which answers <c>=</c> too): in the 50,000-row run a batch took 0.6 s at first and 4.6 s at row 16,000. A GIN index
    /// is read only by bitmap scans, so with those off for this statement alone the B-tree answers, whatever the estimates.
    /// </summary>
    private async Task<T> ByBTreeAsync<T>(Func<Task<T>> lookup, CancellationToken cancellationToken)
    {
        if (!Db.Database.IsNpgsql() || Db.Database.CurrentTransaction is null) return await lookup();
        await Db.Database.ExecuteSqlRawAsync("SET LOCAL enable_bitmapscan = off", cancellationToken);
        var found = await lookup();
        await Db.Database.ExecuteSqlRawAsync("SET LOCAL enable_bitmapscan = on", cancellationToken);
        return found;
    }

    private static string MergedMessage(string what, Merged gone) =>
        $"{what} đã được gộp vào hồ sơ mã {gone.SurvivorId}{(gone.SurvivorName.Length > 0 ? $" ({gone.SurvivorName})" : "")} và không được cập nhật; hãy ghi số CCCD, họ tên, ngày sinh như hồ sơ mã {gone.SurvivorId} để cập nhật hồ sơ đó.";

    /// <summary>The fields the record will have: the row's, and for an existing record what it has where the row's cell was empty.</summary>
    private (LearnerFields Fields, CccdCheck Cccd) Effective(Row row, Learner? learner)
    {
        var fields = new LearnerFields
        {
            FullName = row.FullName,
            BirthDate = row.BirthDate,
            Sex = row.Sex,
            Cccd = row.Cccd ?? learner?.Cccd,
            EthnicGroupId = row.EthnicGroupId ?? learner?.EthnicGroupId,
            Phone = row.Phone ?? learner?.Phone,
            CommuneId = row.CommuneId,
            Address = row.Address ?? learner?.Address,
            EducationLevel = row.EducationLevel ?? learner?.EducationLevel,
            Categories = (learner?.Priorities.Select(p => p.Category) ?? []).Union(row.Categories).ToList(),
            ConfirmCccdMismatch = row.ConfirmCccdMismatch,
        };
        return (fields, Learners.Cccd.Check(fields.Cccd, fields.Sex, fields.BirthDate, _today.Year));
    }

    /// <summary>What the form checks against the database and the record: the merged fields, the CCCD's disagreement, and consent for sensitive data.</summary>
    private (string Message, string? Column)? Check(Row row, Learner? learner, LearnerFields fields, CccdCheck cccd)
    {
        if (learner is not null && fieldsValidator.Validate(fields) is { IsValid: false } invalid)
            return (invalid.Errors[0].ErrorMessage, invalid.Errors[0].PropertyName);
        if (cccd.Error is { } error) return (error, nameof(Row.Cccd));

        var confirmedBefore = learner is not null && learner.CccdMismatchConfirmed && learner.Cccd == cccd.Number
                              && learner.Sex == fields.Sex && learner.BirthDate.Year == fields.BirthDate!.Value.Year;
        if (cccd.Warnings.Count > 0 && !row.ConfirmCccdMismatch && !confirmedBefore)
            return (string.Join(" ", cccd.Warnings) + $" Hãy kiểm tra lại; nếu số CCCD và thông tin trên dòng đều đúng, ghi \"Có\" ở cột \"{MismatchColumn}\" rồi tải tệp lên lại.",
                nameof(Row.Cccd));

        var refusal = SensitiveData.Refusals(row.ConsentGiven || learner?.HasConsentOn(_today) == true,
            row.EthnicGroupId, row.Categories, row.HouseholdStatus).FirstOrDefault();
        return refusal.Message is null
            ? null
            : (refusal.Message + $" Ghi \"Có\" ở cột \"{ConsentColumn}\" kèm ngày đồng ý nếu người học đã đồng ý.", refusal.Field);
    }

    /// <summary>Whether the row changed the record or one of its parts (the record's own timestamp then moves, as on the form).</summary>
    private bool Changed(Learner learner)
    {
        var entry = Db.Entry(learner);
        entry.DetectChanges();
        return entry.State != EntityState.Unchanged
               || learner.Priorities.Any(p => Db.Entry(p).State != EntityState.Unchanged)
               || learner.Households.Any(h => Db.Entry(h).State != EntityState.Unchanged)
               || learner.Consents.Any(c => Db.Entry(c).State != EntityState.Unchanged);
    }

    public override async Task<ImportSample> SampleAsync(CancellationToken cancellationToken)
    {
        var communes = _communes ??= await CommuneCatalogue.LoadAsync(Db, cancellationToken);
        var today = VietnamTime.Today(clock);
        var sample = await base.SampleAsync(cancellationToken);
        var examples = new Dictionary<string, string>(sample.Examples)
        {
            [nameof(Row.HouseholdYear)] = today.Year.ToString(VietnameseFormat.Culture),
            [nameof(Row.ConsentDate)] = Fmt.Date(today),
        };
        if (communes.Entries.FirstOrDefault(e => e.Writable && e.IsValidOn(today)) is { } commune)
            examples[nameof(Row.CommuneId)] = commune.Name;
        var ethnicGroups = await EthnicGroupList.All(Db).AsNoTracking().OrderBy(e => e.Code)
            .Select(e => new List<string> { e.Code, e.Name }).ToListAsync(cancellationToken);
        var categories = Enum.GetValues<PriorityCategory>()
            .Select(c => (IReadOnlyList<string>)[Fmt.Enum(c), string.Join("; ", CategoryKeys.Where(k => k.Value == c && k.Key != TextSearch.Normalize(Fmt.Enum(c))).Select(k => k.Key))])
            .ToList();
        return new ImportSample(examples,
        [
            new ImportList("Xã, phường", CommuneCatalogue.ListHeaders, communes.WritableRows(validOn: today)),
            new ImportList("Dân tộc", ["Mã", "Tên dân tộc"], ethnicGroups),
            new ImportList("Đối tượng ưu tiên", ["Đối tượng", "Cách ghi ngắn cũng được nhận"], categories),
        ]);
    }

    /// <summary>
    /// The 54 ethnic groups by official code ("8" or "08") or by name as people spell it: diacritics,
    /// case, spaces, hyphens and apostrophes ignored ("H'Mông", "Hmong", "Mông", "Mèo"), the name in
    /// brackets accepted alone ("Việt", "Cao Lan"), and "dân tộc" before the name.
    /// </summary>
    private sealed class EthnicCatalogue
    {
        public sealed record Group(int Id, string Code, string Name);

        private static readonly (string Key, string Code)[] OtherSpellings =
            [("mong", "08"), ("khmer", "05"), ("jrai", "10"), ("rhade", "11"), ("bahnar", "12"), ("stieng", "22"), ("kmu", "23"), ("bru", "24"), ("vankieu", "24"), ("katu", "25")];

        private readonly Dictionary<string, int> _byCode = [];
        private readonly Dictionary<string, int> _byName = [];

        public EthnicCatalogue(IEnumerable<Group> groups)
        {
            var ambiguous = new HashSet<string>();
            var byCode = new Dictionary<string, int>();
            foreach (var group in groups)
            {
                byCode[group.Code] = group.Id;
                _byCode[group.Code] = group.Id;
                var name = TextSearch.Normalize(group.Name);
                var open = name.IndexOf('(');
                var keys = new List<string> { Compact(name), Compact(open < 0 ? name : name[..open]) };
                if (open >= 0)
                {
                    var inner = name[(open + 1)..].TrimEnd(')');
                    keys.Add(Compact(inner));
                    keys.AddRange(inner.Split('-').Select(Compact));
                }
                foreach (var key in keys.Where(k => k.Length > 0).Distinct())
                    if (!_byName.TryAdd(key, group.Id) && _byName[key] != group.Id) ambiguous.Add(key);
            }
            foreach (var key in ambiguous) _byName.Remove(key);
            foreach (var (key, code) in OtherSpellings)
                if (byCode.TryGetValue(code, out var id)) _byName.TryAdd(key, id);
        }

        public int? Find(string text)
        {
            var trimmed = text.Trim();
            if (trimmed.Length is 1 or 2 && trimmed.All(char.IsAsciiDigit))
                return _byCode.TryGetValue(trimmed.PadLeft(2, '0'), out var byCode) ? byCode : null;
            var key = Compact(TextSearch.Normalize(trimmed));
            if (key.StartsWith("dantoc", StringComparison.Ordinal) && key.Length > 6) key = key[6..];
            return _byName.TryGetValue(key, out var id) ? id : null;
        }

        private static string Compact(string text) => new(text.Where(char.IsLetterOrDigit).ToArray());
    }
}
