using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Import;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Enterprises;

/// <summary>
/// The province admin brings the enterprise registry in from a list (the tax office's, a job
/// fair's), checked by the registry form's rules. An enterprise is found by its tax code (a branch
/// by its code with the "-001" suffix); a new one is registered as the form registers it, its
/// organisation and its profile together, so it can later be given an account. An enterprise
/// already in the organisations list without a profile is found by its name. An empty cell keeps
/// what is recorded. Only the province admin keeps the registry, as on the form.
/// </summary>
public sealed class EnterprisesImport(AppDbContext db, IValidator<Create.Command> validator, UnitChoices units, TimeProvider clock)
    : ImportTemplate<EnterprisesImport.Row, AppDbContext>(db)
{
    /// <summary>The registry form's fields; whether the enterprise is active is kept as recorded when the cell is empty.</summary>
    public sealed class Row : Create.Command
    {
        [Display(Name = "Đang hoạt động")] public bool? IsActive { get; set; }
    }

    private CommuneCatalogue? _communes;
    private (int Id, string Code, string Name)? _province;
    private DateOnly _today;

    // Names taken by earlier rows of this file, so two rows cannot register two enterprises under one name.
    private readonly Dictionary<string, (int Row, string TaxCode)> _names = [];

    public override string Code => "doanh-nghiep";
    public override string Name => "Doanh nghiệp, hợp tác xã";
    public override string Summary =>
        "Danh sách doanh nghiệp, hợp tác xã của tỉnh: mã số thuế, tên, loại hình, ngành, quy mô, số lao động, địa bàn và liên hệ; mỗi dòng một doanh nghiệp hoặc chi nhánh.";
    public override string KeyDescription => "Mã số thuế (chi nhánh: mã số thuế kèm -001…)";
    public override string Policy => CommonPolicies.Administer;

    public override IReadOnlyList<string> Instructions { get; } =
    [
        "Mã số thuế gồm 10 chữ số; chi nhánh, đơn vị phụ thuộc thêm dấu \"-\" và 3 chữ số (vd 6200123458-001). Hệ thống kiểm tra chữ số kiểm tra như trên biểu mẫu đăng ký.",
        "Doanh nghiệp đã có mã số thuế trong hệ thống được cập nhật; chưa có thì được đăng ký mới (tạo cả đơn vị trong hệ thống, để sau này cấp tài khoản cho doanh nghiệp).",
        "Doanh nghiệp đã có trong danh sách cơ quan, đơn vị nhưng chưa có hồ sơ (chưa có mã số thuế) được nhận ra theo tên (không phân biệt chữ hoa, chữ thường và dấu cách thừa) và được ghi thêm hồ sơ.",
        "Ô để trống ở cột không bắt buộc giữ nguyên thông tin đã có. Hai doanh nghiệp đang hoạt động không được cùng tên.",
        "Địa bàn: mã hoặc tên xã, phường hiện nay nơi đặt trụ sở; hoặc tên, mã tỉnh cho doanh nghiệp không gắn với một xã.",
    ];

    protected override IValidator<Row> Validator => validator;

    private static readonly ImportParser<bool?> ActiveParser = new(ImportParsers.YesNo.Format, cell =>
    {
        var parsed = ImportParsers.YesNo.Parse(cell);
        return parsed.Ok ? ImportParse.Ok<bool?>(parsed.Value) : ImportParse.Fail<bool?>(parsed.Error!);
    }, choices: ImportParsers.YesNo.Choices);

    /// <summary>Tax codes typed into a number cell lose their leading zero (Hà Nội's start with 01): it is put back.</summary>
    private static readonly ImportParser<string?> TaxCodeParser = new("10 chữ số, chi nhánh thêm -001…", cell =>
    {
        var code = TaxCode.Normalize(cell.Text);
        if (cell.Number is not null && code.Length == 9 && code.All(char.IsAsciiDigit)) code = "0" + code;
        return ImportParse.Ok<string?>(code);
    });

    protected override IEnumerable<ImportColumn<Row>> DefineColumns() =>
    [
        ImportColumn<Row>.For("Mã số thuế", r => r.TaxCode, TaxCodeParser)
            .Required().WithExample("6200123458").AlsoKnownAs("MST", "Mã số doanh nghiệp", "Mã số DN", "Mã số thuế/Mã số doanh nghiệp", "Mã DN").WithWidth(16),
        ImportColumn<Row>.For("Tên doanh nghiệp", r => r.Name, ImportParsers.Text(300))
            .Required().WithExample("Công ty TNHH Chè Tam Đường").AlsoKnownAs("Tên đầy đủ", "Tên doanh nghiệp, hợp tác xã", "Tên doanh nghiệp/HTX", "Tên đơn vị", "Tên").WithWidth(40),
        ImportColumn<Row>.For("Tên viết tắt", r => r.ShortName, ImportParsers.Text(100)).WithExample("Chè Tam Đường").AlsoKnownAs("Tên giao dịch"),
        ImportColumn<Row>.For("Loại hình", r => r.Form, ImportParsers.Enum<EnterpriseForm>(
                ("tnhh", EnterpriseForm.LimitedCompany), ("cong ty tnhh mot thanh vien", EnterpriseForm.LimitedCompany), ("cong ty tnhh 1 thanh vien", EnterpriseForm.LimitedCompany),
                ("cong ty tnhh hai thanh vien tro len", EnterpriseForm.LimitedCompany), ("cong ty tnhh 2 thanh vien tro len", EnterpriseForm.LimitedCompany),
                ("co phan", EnterpriseForm.JointStock), ("cong ty cp", EnterpriseForm.JointStock), ("ctcp", EnterpriseForm.JointStock),
                ("dntn", EnterpriseForm.SoleProprietorship), ("tu nhan", EnterpriseForm.SoleProprietorship),
                ("htx", EnterpriseForm.Cooperative), ("chi nhanh", EnterpriseForm.Branch),
                ("dnnn", EnterpriseForm.StateOwned), ("nha nuoc", EnterpriseForm.StateOwned), ("hkd", EnterpriseForm.HouseholdBusiness), ("ho kinh doanh ca the", EnterpriseForm.HouseholdBusiness)))
            .Required().WithExample(Fmt.Enum(EnterpriseForm.LimitedCompany)).AlsoKnownAs("Loại hình doanh nghiệp", "Loại hình tổ chức").WithWidth(24),
        ImportColumn<Row>.For("Ngành, lĩnh vực chính", r => r.Sector, ImportParsers.Enum<EnterpriseSector>(
                ("nong nghiep", EnterpriseSector.Agriculture), ("che bien", EnterpriseSector.FoodProcessing), ("det may", EnterpriseSector.Garments),
                ("xay dung", EnterpriseSector.Construction), ("thuy dien", EnterpriseSector.Energy), ("khai khoang", EnterpriseSector.Mining),
                ("co khi", EnterpriseSector.Mechanics), ("thuong mai", EnterpriseSector.Trade), ("du lich", EnterpriseSector.Tourism),
                ("van tai", EnterpriseSector.Transport), ("dich vu", EnterpriseSector.Services)))
            .Required().WithExample(Fmt.Enum(EnterpriseSector.FoodProcessing)).AlsoKnownAs("Ngành", "Lĩnh vực", "Ngành nghề chính", "Lĩnh vực hoạt động").WithWidth(30),
        ImportColumn<Row>.For("Quy mô", r => r.Size, ImportParsers.Enum<EnterpriseSize>())
            .Required().WithExample(Fmt.Enum(EnterpriseSize.Small)).AlsoKnownAs("Quy mô doanh nghiệp").WithNote("Theo Nghị định 80/2021/NĐ-CP.").WithWidth(12),
        ImportColumn<Row>.For("Số lao động", r => r.Employees, ImportParsers.Integer).WithExample("45").AlsoKnownAs("Số lao động hiện có", "Lao động").WithWidth(12),
        ImportColumn<Row>.Lookup("Địa bàn (xã, phường)", r => r.UnitId, "Mã (5 chữ số) hoặc tên xã, phường hiện nay; hoặc tên, mã tỉnh", ResolveUnit)
            .Required().AlsoKnownAs("Địa bàn", "Xã, phường", "Xã/phường", "Mã xã", "Trụ sở").WithWidth(24),
        ImportColumn<Row>.For("Địa chỉ", r => r.Address, ImportParsers.Text(300)).WithExample("Tổ 5, thị trấn cũ Tam Đường").AlsoKnownAs("Địa chỉ trụ sở").WithWidth(36),
        ImportColumn<Row>.For("Điện thoại", r => r.Phone, ImportParsers.Phone).AlsoKnownAs("Số điện thoại", "SĐT"),
        ImportColumn<Row>.For("Email", r => r.Email, ImportParsers.Text(200)).AlsoKnownAs("Thư điện tử"),
        ImportColumn<Row>.For("Người đại diện theo pháp luật", r => r.Representative, ImportParsers.Text(200))
            .AlsoKnownAs("Người đại diện", "Người đại diện pháp luật", "Giám đốc").WithWidth(24),
        ImportColumn<Row>.For("Ngày thành lập", r => r.FoundedOn, ImportParsers.Date).AlsoKnownAs("Ngày cấp", "Ngày đăng ký", "Ngày cấp phép").WithWidth(13),
        ImportColumn<Row>.For("Ngành nghề kinh doanh, sản phẩm chính", r => r.MainActivities, ImportParsers.Text(500))
            .AlsoKnownAs("Ngành nghề kinh doanh", "Sản phẩm chính").WithWidth(36),
        ImportColumn<Row>.For("Đang hoạt động", r => r.IsActive, ActiveParser)
            .WithNote("Để trống: doanh nghiệp mới đang hoạt động, doanh nghiệp đã có giữ nguyên.").AlsoKnownAs("Hoạt động", "Còn hoạt động").WithWidth(14),
    ];

    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        _today = VietnamTime.Today(clock);
        _communes = await CommuneCatalogue.LoadAsync(Db, cancellationToken);
        var province = await UnitDirectory.Units(Db).AsNoTracking().Where(u => u.Id == Db.Scope.ProvinceId)
            .Select(u => new { u.Id, u.Code, u.Name }).SingleAsync(cancellationToken);
        _province = (province.Id, province.Code, province.Name);
        _names.Clear();
    }

    /// <summary>The province itself ("Tỉnh Lai Châu", "Lai Châu", "12", "cấp tỉnh"), or one of today's communes.</summary>
    private ImportParse<int?> ResolveUnit(ImportCell cell, Row row)
    {
        var (id, code, name) = _province!.Value;
        var key = TextSearch.Normalize(cell.Text);
        if (key == TextSearch.Normalize(name) || key == TextSearch.Normalize(name.Replace("Tỉnh ", "").Replace("Thành phố ", "")) || key == "cap tinh" || cell.Text.Trim() == code)
            return ImportParse.Ok<int?>(id);
        var (communeId, error) = _communes!.Resolve(cell.Text, _today);
        return error is null ? ImportParse.Ok(communeId) : ImportParse.Fail<int?>(error);
    }

    protected override string? KeyOf(Row row) => TaxCode.Normalize(row.TaxCode);

    protected override async Task ApplyAsync(IReadOnlyList<ImportItem<Row>> items, CancellationToken cancellationToken)
    {
        var provinceId = Db.Scope.ProvinceId;
        var codes = items.Select(i => KeyOf(i.Row)!).Distinct().ToList();
        var profiles = await Db.EnterpriseProfiles.Include(p => p.Organisation)
            .Where(p => p.ProvinceId == provinceId && codes.Contains(p.TaxCode))
            .ToDictionaryAsync(p => p.TaxCode, cancellationToken);
        var names = items.Where(i => !profiles.ContainsKey(KeyOf(i.Row)!)).Select(i => TextSearch.Normalize(i.Row.Name)).Distinct().ToList();
        var withoutProfile = (names.Count == 0 ? [] : await OrganisationDirectory.ForUpdate(Db, OrganisationKind.Enterprise)
                .Where(o => o.ProvinceId == provinceId && names.Contains(o.SearchName)
                            && !Db.EnterpriseProfiles.Any(p => p.OrganisationId == o.Id))
                .ToListAsync(cancellationToken))
            .ToLookup(o => o.SearchName);

        foreach (var item in items)
        {
            var row = item.Row;
            var code = KeyOf(row)!;
            var name = TextSearch.Normalize(row.Name);
            if (_names.TryGetValue(name, out var earlier) && earlier.TaxCode != code)
            {
                item.Reject($"Trùng tên với dòng {earlier.Row} (mã số thuế {earlier.TaxCode}): hai doanh nghiệp không được cùng tên.", nameof(Row.Name));
                continue;
            }

            var profile = profiles.GetValueOrDefault(code);
            var organisation = profile?.Organisation;
            if (organisation is null)
            {
                var found = withoutProfile[name].ToList();
                if (found.Count > 1)
                {
                    item.Reject($"Tỉnh có {found.Count} đơn vị tên \"{row.Name}\" chưa có mã số thuế; hãy sửa trùng lặp trên trang Cơ quan, đơn vị trước.", nameof(Row.Name));
                    continue;
                }
                organisation = found.SingleOrDefault();
            }
            var isNew = organisation is null;
            organisation ??= new Organisation { IsActive = true };
            var fields = Effective(row, organisation, profile);
            try
            {
                await OrganisationFieldsWriter.ApplyAsync(Db, units, organisation, OrganisationKind.Enterprise, fields, cancellationToken);
                profile ??= new EnterpriseProfile { Organisation = organisation, OrganisationId = organisation.Id };
                await Create.Handler.ApplyAsync(Db, profile, organisation, fields, cancellationToken);
            }
            catch (ValidationFailedException refused)
            {
                Undo(organisation);
                item.Reject(refused.Errors[0].Message, refused.Errors[0].Field);
                continue;
            }
            organisation.IsActive = row.IsActive ?? organisation.IsActive;

            if (isNew) OrganisationDirectory.Register(Db, organisation);
            if (Db.Entry(profile).State == EntityState.Detached) Db.EnterpriseProfiles.Add(profile);
            _names[name] = (item.RowNumber, code);
            item.Saved(organisation);
            item.Saved(profile);
        }
    }

    /// <summary>The form's fields for the enterprise: the row's, and what is recorded where the row's cell was empty.</summary>
    private static Create.Command Effective(Row row, Organisation organisation, EnterpriseProfile? profile) => new()
    {
        TaxCode = row.TaxCode,
        Name = row.Name,
        ShortName = row.ShortName ?? organisation.ShortName,
        UnitId = row.UnitId,
        Address = row.Address ?? organisation.Address,
        Phone = row.Phone ?? organisation.Phone,
        Email = row.Email ?? organisation.Email,
        Form = row.Form,
        Sector = row.Sector,
        Size = row.Size,
        Employees = row.Employees ?? profile?.Employees,
        Representative = row.Representative ?? profile?.Representative,
        FoundedOn = row.FoundedOn ?? profile?.FoundedOn,
        MainActivities = row.MainActivities ?? profile?.MainActivities,
    };

    /// <summary>A refused row leaves a recorded organisation as it was (the form's writer may have copied fields before a later check refused).</summary>
    private void Undo(Organisation organisation)
    {
        var entry = Db.Entry(organisation);
        if (entry.State is EntityState.Detached or EntityState.Added) return;
        entry.CurrentValues.SetValues(entry.OriginalValues);
        entry.State = EntityState.Unchanged;
    }

    public override async Task<ImportSample> SampleAsync(CancellationToken cancellationToken)
    {
        var communes = _communes ??= await CommuneCatalogue.LoadAsync(Db, cancellationToken);
        var today = VietnamTime.Today(clock);
        var sample = await base.SampleAsync(cancellationToken);
        var examples = new Dictionary<string, string>(sample.Examples);
        if (communes.Entries.FirstOrDefault(e => e.Writable && e.IsValidOn(today)) is { } commune)
            examples[nameof(Row.UnitId)] = commune.Name;
        return new ImportSample(examples, [new ImportList("Xã, phường", CommuneCatalogue.ListHeaders, communes.WritableRows(validOn: today))]);
    }
}
