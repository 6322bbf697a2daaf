using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Import;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Organisations;

/// <summary>
/// The province admin brings in the province's bodies from a list (departments, institutions,
/// enterprises…), checked by the organisation form's rules. An organisation is found by its name
/// within the province (diacritics kept, case and extra spaces ignored) and then updated.
/// </summary>
public sealed class OrganisationsImport(AppDbContext db, IValidator<Edit.Command> validator, UnitChoices units, TimeProvider clock) : ImportTemplate<Edit.Command, AppDbContext>(db)
{
    private CommuneCatalogue? _communes;
    private (int Id, string Code, string Name)? _province;

    public override string Code => "co-quan-don-vi";
    public override string Name => "Cơ quan, đơn vị";
    public override string Summary => "Danh sách cơ quan, đơn vị của tỉnh: sở, ngành, cơ sở đào tạo, doanh nghiệp, hợp tác xã… với loại, địa bàn và thông tin liên hệ.";
    public override string KeyDescription => "Tên cơ quan, đơn vị (trong tỉnh)";
    public override string Policy => CommonPolicies.Administer;

    public override IReadOnlyList<string> Instructions { get; } =
    [
        "Tên so khớp không phân biệt chữ hoa, chữ thường và dấu cách thừa; dòng trùng tên với đơn vị đã có sẽ cập nhật đơn vị đó.",
        "Địa bàn: tên hoặc mã tỉnh cho đơn vị cấp tỉnh; mã hoặc tên xã, phường hiện hành cho đơn vị ở xã, phường.",
    ];

    protected override IValidator<Edit.Command> Validator => validator;

    protected override IEnumerable<ImportColumn<Edit.Command>> DefineColumns() =>
    [
        ImportColumn<Edit.Command>.For("Tên cơ quan, đơn vị", c => c.Name, ImportParsers.Text(300))
            .Required().WithExample("Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên huyện Tam Đường").AlsoKnownAs("Tên đơn vị", "Tên cơ quan", "Tên").WithWidth(50),
        ImportColumn<Edit.Command>.For("Tên viết tắt", c => c.ShortName, ImportParsers.Text(100)).WithExample("TT GDNN-GDTX Tam Đường"),
        ImportColumn<Edit.Command>.For("Loại", c => c.Kind, ImportParsers.Enum<OrganisationKind>())
            .Required().WithExample(Fmt.Enum(OrganisationKind.TrainingInstitution)).AlsoKnownAs("Loại hình", "Loại đơn vị").WithWidth(28),
        ImportColumn<Edit.Command>.Lookup("Địa bàn", c => c.UnitId, "Tên hoặc mã tỉnh, hoặc mã (5 chữ số) hoặc tên xã, phường hiện hành", ResolveUnit)
            .Required().AlsoKnownAs("Xã, phường", "Mã xã", "Trụ sở").WithWidth(24),
        ImportColumn<Edit.Command>.For("Địa chỉ", c => c.Address, ImportParsers.Text(300)).WithWidth(36),
        ImportColumn<Edit.Command>.For("Điện thoại", c => c.Phone, ImportParsers.Phone).AlsoKnownAs("Số điện thoại", "SĐT"),
        ImportColumn<Edit.Command>.For("Email", c => c.Email, ImportParsers.Text(200)).AlsoKnownAs("Thư điện tử"),
        ImportColumn<Edit.Command>.For("Đang hoạt động", c => c.IsActive, ImportParsers.YesNo)
            .WithNote("Để trống là đang hoạt động.").AlsoKnownAs("Hoạt động", "Còn hoạt động").WithWidth(14),
    ];

    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        _communes = await CommuneCatalogue.LoadAsync(Db, cancellationToken);
        var province = await UnitDirectory.Units(Db).AsNoTracking().Where(u => u.Id == Db.Scope.ProvinceId)
            .Select(u => new { u.Id, u.Code, u.Name }).SingleAsync(cancellationToken);
        _province = (province.Id, province.Code, province.Name);
    }

    /// <summary>The province itself ("Tỉnh Lai Châu", "Lai Châu", "12", "cấp tỉnh"), or one of today's communes.</summary>
    private ImportParse<int?> ResolveUnit(ImportCell cell, Edit.Command row)
    {
        var (id, code, name) = _province!.Value;
        var key = TextSearch.Normalize(cell.Text);
        if (key == TextSearch.Normalize(name) || key == TextSearch.Normalize(name.Replace("Tỉnh ", "").Replace("Thành phố ", "")) || key == "cap tinh" || cell.Text.Trim() == code)
            return ImportParse.Ok<int?>(id);
        var (communeId, error) = _communes!.Resolve(cell.Text, VietnamTime.Today(clock));
        return error is null ? ImportParse.Ok(communeId) : ImportParse.Fail<int?>(error);
    }

    protected override string? KeyOf(Edit.Command row) => TextSearch.Normalize(row.Name);

    protected override async Task ApplyAsync(IReadOnlyList<ImportItem<Edit.Command>> items, CancellationToken cancellationToken)
    {
        var names = items.Select(i => KeyOf(i.Row)!).Distinct().ToList();
        var provinceId = Db.Scope.ProvinceId;
        var existing = (await Db.Organisations.Where(o => o.ProvinceId == provinceId && names.Contains(o.SearchName)).ToListAsync(cancellationToken))
            .ToLookup(o => o.SearchName);
        foreach (var item in items)
        {
            var found = existing[KeyOf(item.Row)!].ToList();
            if (found.Count > 1)
            {
                item.Reject($"Tỉnh đã có {found.Count} cơ quan, đơn vị cùng tên này; hãy sửa trùng lặp trên trang Cơ quan, đơn vị trước.", nameof(Edit.Command.Name));
                continue;
            }
            var organisation = found.SingleOrDefault();
            if (organisation is null)
            {
                organisation = new Organisation();
                Db.Organisations.Add(organisation);
            }
            await Create.Handler.Apply(Db, units, organisation, item.Row, cancellationToken);
            organisation.IsActive = item.Row.IsActive;
            item.Saved(organisation);
        }
    }

    public override async Task<ImportSample> SampleAsync(CancellationToken cancellationToken)
    {
        var communes = _communes ??= await CommuneCatalogue.LoadAsync(Db, cancellationToken);
        var sample = await base.SampleAsync(cancellationToken);
        var today = VietnamTime.Today(clock);
        var examples = new Dictionary<string, string>(sample.Examples);
        if (communes.Entries.FirstOrDefault(e => e.Writable && e.IsValidOn(today)) is { } commune)
            examples[nameof(Edit.Command.UnitId)] = commune.Name;
        return new ImportSample(examples, [new ImportList("Xã, phường", CommuneCatalogue.ListHeaders, communes.WritableRows(validOn: today))]);
    }
}
