using System.Linq.Expressions;
using System.Reflection;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Infrastructure.Import;

/// <summary>One column of a template, as the template sheet, the instructions and the column mapping show it.</summary>
public interface IImportColumn
{
    /// <summary>Stable identity of the column (the row property it fills), used by remembered mappings.</summary>
    string Key { get; }
    string Header { get; }
    bool IsRequired { get; }
    string Format { get; }
    string? Note { get; }
    string? Example { get; }

    /// <summary>Other headers users' own sheets give this column ("Mã xã", "Xã"), recognised without asking.</summary>
    IReadOnlyList<string> OtherHeaders { get; }
    IReadOnlyList<string>? Choices { get; }
    ImportCellKind Kind { get; }
    double Width { get; }
}

/// <summary>
/// A column that fills one property of <typeparamref name="TRow"/> from a cell. Plain columns are
/// read first; <see cref="Lookup{T}"/> columns afterwards, so they can use the row's other values
/// (a commune is looked up as it was on the row's date).
/// </summary>
public sealed class ImportColumn<TRow> : IImportColumn
{
    private readonly Func<ImportCell, TRow, string?> _read;
    private readonly List<string> _otherHeaders = [];

    private ImportColumn(string header, string key, string format, ImportCellKind kind, IReadOnlyList<string>? choices, bool isLookup, Func<ImportCell, TRow, string?> read)
    {
        Header = header;
        Key = key;
        Format = format;
        Kind = kind;
        Choices = choices;
        IsLookup = isLookup;
        _read = read;
    }

    public string Key { get; }
    public string Header { get; }
    public bool IsRequired { get; private set; }
    public string Format { get; }
    public string? Note { get; private set; }
    public string? Example { get; private set; }
    public IReadOnlyList<string> OtherHeaders => _otherHeaders;
    public IReadOnlyList<string>? Choices { get; }
    public ImportCellKind Kind { get; }
    public double Width { get; private set; } = 20;
    internal bool IsLookup { get; }

    public static ImportColumn<TRow> For<T>(string header, Expression<Func<TRow, T>> property, ImportParser<T> parser)
    {
        var (key, set) = Setter(property);
        return new ImportColumn<TRow>(header, key, parser.Format, parser.Kind, parser.Choices, false, (cell, row) =>
        {
            var parsed = parser.Parse(cell);
            if (!parsed.Ok) return parsed.Error;
            set(row, parsed.Value);
            return null;
        });
    }

    /// <summary>A column resolved against a catalogue with the rest of the row already read.</summary>
    public static ImportColumn<TRow> Lookup<T>(string header, Expression<Func<TRow, T>> property, string format, Func<ImportCell, TRow, ImportParse<T>> resolve)
    {
        var (key, set) = Setter(property);
        return new ImportColumn<TRow>(header, key, format, ImportCellKind.Text, null, true, (cell, row) =>
        {
            var parsed = resolve(cell, row);
            if (!parsed.Ok) return parsed.Error;
            set(row, parsed.Value);
            return null;
        });
    }

    public ImportColumn<TRow> Required()
    {
        IsRequired = true;
        return this;
    }

    public ImportColumn<TRow> WithExample(string example)
    {
        Example = example;
        return this;
    }

    public ImportColumn<TRow> WithNote(string note)
    {
        Note = note;
        return this;
    }

    public ImportColumn<TRow> AlsoKnownAs(params string[] headers)
    {
        _otherHeaders.AddRange(headers);
        return this;
    }

    public ImportColumn<TRow> WithWidth(double width)
    {
        Width = width;
        return this;
    }

    /// <summary>Reads the cell into the row; the error names the column.</summary>
    internal string? Read(ImportCell cell, TRow row) => _read(cell, row) is { } error ? $"{Header}: {error}" : null;

    private static (string Key, Action<TRow, T> Set) Setter<T>(Expression<Func<TRow, T>> property)
    {
        var body = property.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : property.Body;
        if (body is not MemberExpression { Member: PropertyInfo info } || info.SetMethod is null)
            throw new ArgumentException($"Column must name a settable property of {typeof(TRow).Name}: {property}");
        var row = Expression.Parameter(typeof(TRow), "row");
        var value = Expression.Parameter(typeof(T), "value");
        var assigned = value.Type == info.PropertyType ? (Expression)value : Expression.Convert(value, info.PropertyType);
        var set = Expression.Lambda<Action<TRow, T>>(Expression.Assign(Expression.Property(row, info), assigned), row, value).Compile();
        return (info.Name, set);
    }
}

/// <summary>An extra sheet of the template: a catalogue the user picks codes from (communes…).</summary>
public sealed record ImportList(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>The example row (text by column key, as a user would type it) and the catalogues shown in the template.</summary>
public sealed record ImportSample(IReadOnlyDictionary<string, string> Examples, IReadOnlyList<ImportList> Lists);

/// <summary>One rejected cell or row: the Excel row, the column letter and header, the value found, and why (Vietnamese).</summary>
public sealed record ImportProblem(int Row, string Column, string Header, string Value, string Message);

/// <summary>
/// What to run: the data rows, where each template column is in the file, and whether to write. <paramref name="MayCopy"/>
/// false saves every row through <c>SaveChanges</c> even for a template that copies (the reference its copies are compared with).
/// </summary>
public sealed record ImportRun(
    IEnumerable<ImportRecord> Rows,
    IReadOnlyDictionary<string, int> Map,
    int HeaderRow,
    IReadOnlyList<XlsxRange> MergedRanges,
    bool Commit,
    Func<int, CancellationToken, Task>? Progress = null,
    int BatchSize = 500,
    int MaxProblems = 20_000,
    bool MayCopy = true);

/// <summary>What a run found or did: rows created, updated, left unchanged, rejected, and the problems.</summary>
public sealed class ImportSummary
{
    public int Rows { get; internal set; }
    public int Created { get; internal set; }
    public int Updated { get; internal set; }
    public int Unchanged { get; internal set; }
    public int Rejected { get; internal set; }
    public List<ImportProblem> Problems { get; } = [];

    /// <summary>Problems beyond the stored maximum: counted, not kept.</summary>
    public int ProblemsNotKept { get; internal set; }

    /// <summary>Cells whose formula's cached value was used.</summary>
    public int FormulaCells { get; internal set; }

    /// <summary>The template's own example row, left in by the user and skipped.</summary>
    public int? ExampleRow { get; internal set; }
}

/// <summary>
/// What the import engine needs from a feature to bring its records in from Excel. Implement it by
/// deriving from <see cref="ImportTemplate{TRow}"/> in the feature's folder; the class is found
/// and registered automatically (scoped), and appears on the import pages and the API.
/// </summary>
public interface IImportTemplate
{
    /// <summary>URL name, lower-case ASCII with dashes: /Imports/New/{code}, /api/v1/imports/{code}.</summary>
    string Code { get; }
    string Name { get; }
    string Summary { get; }

    /// <summary>The natural key, in words: how a row finds the record it updates.</summary>
    string KeyDescription { get; }

    /// <summary>The permission (a named policy) a user needs to use the template; rows are further limited to what the user may write.</summary>
    string Policy { get; }

    /// <summary>Whether the file holds personal data (its downloads are audited as such).</summary>
    bool ContainsPersonalData { get; }
    IReadOnlyList<string> Instructions { get; }
    IReadOnlyList<IImportColumn> Columns { get; }
    Task<ImportSample> SampleAsync(CancellationToken cancellationToken);
    Task<ImportSummary> RunAsync(ImportRun run, CancellationToken cancellationToken);

    /// <summary>Work that must follow a committed run and may not hold its transaction (a call to another service); never after a dry run.</summary>
    Task AfterCommitAsync(CancellationToken cancellationToken);
}

/// <summary>A row of the file on its way in: the template decides what it does (<see cref="Saved"/>) or refuses it (<see cref="Reject"/>).</summary>
public sealed class ImportItem<TRow>(int rowNumber, TRow row)
{
    internal List<object> Entities { get; } = [];
    internal (string Message, string? ColumnKey)? Rejection { get; private set; }

    public int RowNumber { get; } = rowNumber;
    public TRow Row { get; } = row;

    /// <summary>
    /// An entity this row adds (attached to the context) or changes (loaded tracked and modified).
    /// The engine tells created, updated and unchanged apart from the change tracker, checks the
    /// caller may write it, and saves it on commit.
    /// </summary>
    public void Saved(object entity) => Entities.Add(entity);

    /// <summary>Refuses the row, naming the column at fault when there is one. Do it before changing any entity.</summary>
    public void Reject(string message, string? columnKey = null) => Rejection = (message, columnKey);
}

/// <summary>
/// The engine side of a template: reads each row's cells through its columns, validates the row
/// with the feature's own form validator, rejects rows in merged cells, duplicates of an earlier
/// row and rows the caller may not write, and applies the rest in batches. A dry run does exactly
/// what a commit does and then discards the changes, so both count the same way.
/// </summary>
/// <typeparam name="TRow">The row as the feature's form would post it (often the form's own Command).</typeparam>
public abstract class ImportTemplate<TRow, TContext>(TContext db) : IImportTemplate
    where TRow : class, new()
    where TContext : DbContext, IScopedDbContext
{
    private IReadOnlyList<ImportColumn<TRow>>? _columns;

    protected TContext Db => db;

    public abstract string Code { get; }
    public abstract string Name { get; }
    public abstract string Summary { get; }
    public abstract string KeyDescription { get; }
    public abstract string Policy { get; }
    public virtual bool ContainsPersonalData => false;
    public virtual IReadOnlyList<string> Instructions => [];

    public IReadOnlyList<IImportColumn> Columns => TypedColumns;

    private IReadOnlyList<ImportColumn<TRow>> TypedColumns => _columns ??= DefineColumns().ToList();

    /// <summary>The template's columns, in the order the template sheet shows them.</summary>
    protected abstract IEnumerable<ImportColumn<TRow>> DefineColumns();

    /// <summary>The form's validator, so a row obeys exactly the rules the form does; its messages name the field.</summary>
    protected virtual IValidator<TRow>? Validator => null;

    /// <summary>Loads what the columns look up (catalogues within the caller's scope), once per run.</summary>
    protected virtual Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The natural key of a valid row; two rows of one file with the same key are a mistake (the second is rejected).</summary>
    protected abstract string? KeyOf(TRow row);

    /// <summary>
    /// Upserts a batch of valid rows: find each row's record by its natural key (one query for the
    /// batch), then add a new entity or change the found one and call <see cref="ImportItem{TRow}.Saved"/>,
    /// or <see cref="ImportItem{TRow}.Reject"/> the row. Never save: the engine does, on commit.
    /// </summary>
    protected abstract Task ApplyAsync(IReadOnlyList<ImportItem<TRow>> items, CancellationToken cancellationToken);

    public virtual Task AfterCommitAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Whether a commit writes the batch's new records, with their audit and change-feed lines, by PostgreSQL's COPY
    /// (<see cref="CopyInserts"/>): the same rows, several times faster for a large file. A template says so once a
    /// test has shown that its commits write the same records, lines and maintained-value marks either way.
    /// </summary>
    protected virtual bool CopiesNewRecords => false;

    public virtual Task<ImportSample> SampleAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ImportSample(
            Columns.Where(c => c.Example is not null).ToDictionary(c => c.Key, c => c.Example!),
            []));

    public async Task<ImportSummary> RunAsync(ImportRun run, CancellationToken cancellationToken)
    {
        var summary = new ImportSummary();
        await PrepareAsync(cancellationToken);
        var example = ExampleCells(await SampleAsync(cancellationToken), run.Map);
        var columns = TypedColumns.Where(c => run.Map.ContainsKey(c.Key)).OrderBy(c => c.IsLookup).ToList();
        var mappedIndexes = columns.Select(c => run.Map[c.Key]).ToHashSet();
        var merges = new MergeSweep(run.MergedRanges.Where(m => m.LastRow > run.HeaderRow && mappedIndexes.Any(i => i >= m.FirstColumn && i <= m.LastColumn)));
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        var batch = new List<ImportItem<TRow>>(run.BatchSize);
        var writable = new Dictionary<ScopeOwner, bool>();

        foreach (var record in run.Rows)
        {
            if (summary.ExampleRow is null && example.Count > 0 && IsExample(record, example, mappedIndexes))
            {
                summary.ExampleRow = record.Row;
                continue;
            }
            summary.Rows++;
            if (summary.Rows % run.BatchSize == 0 && run.Progress is { } report) await report(summary.Rows, cancellationToken);
            if (merges.Covering(record.Row) is { } merge)
            {
                Reject(summary, run, [new ImportProblem(record.Row, XlsxRows.ColumnName(merge.FirstColumn), "", "",
                    $"Dòng nằm trong vùng ô gộp {merge.Reference} (dòng {merge.FirstRow}–{merge.LastRow}): hãy bỏ gộp ô (Merge & Center) và điền giá trị cho từng dòng.")]);
                continue;
            }

            var (row, problems) = await ReadRowAsync(record, columns, run.Map, summary, cancellationToken);
            if (problems.Count > 0)
            {
                Reject(summary, run, problems);
                continue;
            }
            if (KeyOf(row) is { } key && !keys.TryAdd(key, record.Row))
            {
                Reject(summary, run, [new ImportProblem(record.Row, "", "", "",
                    $"Trùng với dòng {keys[key]}: cùng {KeyDescription}; mỗi bản ghi chỉ được có một dòng trong tệp.")]);
                continue;
            }
            batch.Add(new ImportItem<TRow>(record.Row, row));
            if (batch.Count >= run.BatchSize)
                await FlushAsync(batch, run, summary, writable, cancellationToken);
        }
        await FlushAsync(batch, run, summary, writable, cancellationToken);
        if (run.Progress is { } done) await done(summary.Rows, cancellationToken);
        return summary;
    }

    private async Task<(TRow Row, List<ImportProblem> Problems)> ReadRowAsync(
        ImportRecord record, IReadOnlyList<ImportColumn<TRow>> columns, IReadOnlyDictionary<string, int> map, ImportSummary summary, CancellationToken cancellationToken)
    {
        var row = new TRow();
        var problems = new List<ImportProblem>();
        var failed = new HashSet<string>();
        void Problem(ImportColumn<TRow> column, ImportCell cell, string message)
        {
            problems.Add(new ImportProblem(record.Row, XlsxRows.ColumnName(map[column.Key]), column.Header, Shorten(cell.Text), message));
            failed.Add(column.Key);
        }

        foreach (var column in columns)
        {
            var cell = record.Cell(map[column.Key]);
            if (cell.TooLong)
                Problem(column, cell, $"{column.Header}: ô dài hơn {ImportLimits.Default.MaxCellChars.ToString("N0", VietnameseFormat.Culture)} ký tự (giới hạn của Excel); có thể tệp bị hỏng hoặc dán nhầm nội dung.");
            else if (cell.IsError)
                Problem(column, cell, $"{column.Header}: ô chứa lỗi công thức {cell.Text}; hãy sửa công thức hoặc nhập giá trị.");
            else if (cell.HasFormula && cell.IsBlank)
                Problem(column, cell, $"{column.Header}: ô chứa công thức nhưng tệp không lưu giá trị đã tính. Hãy mở tệp bằng Excel và lưu lại, hoặc dán giá trị (Paste Values) thay cho công thức.");
            else if (!cell.IsBlank)
            {
                if (cell.HasFormula) summary.FormulaCells++;
                if (column.Read(cell, row) is { } error) Problem(column, cell, error);
            }
        }

        if (Validator is { } validator)
        {
            var result = await validator.ValidateAsync(row, cancellationToken);
            foreach (var error in result.Errors)
            {
                var column = columns.FirstOrDefault(c => c.Key == error.PropertyName);
                // The first problem of a column is the one to fix; a value that could not be read needs no more.
                if (column is null) problems.Add(new ImportProblem(record.Row, "", "", "", error.ErrorMessage));
                else if (!failed.Contains(column.Key)) Problem(column, record.Cell(map[column.Key]), error.ErrorMessage);
            }
        }

        foreach (var column in TypedColumns.Where(c => c.IsRequired && !failed.Contains(c.Key)))
            if (!map.TryGetValue(column.Key, out var index) || record.Cell(index).IsBlank)
                problems.Add(new ImportProblem(record.Row, map.TryGetValue(column.Key, out var i) ? XlsxRows.ColumnName(i) : "", column.Header, "",
                    $"Thiếu {column.Header}."));
        return (row, problems);
    }

    private async Task FlushAsync(List<ImportItem<TRow>> batch, ImportRun run, ImportSummary summary, Dictionary<ScopeOwner, bool> writable, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return;
        await ApplyAsync(batch, cancellationToken);
        db.ChangeTracker.DetectChanges();
        foreach (var item in batch)
        {
            if (item.Rejection is null && item.Entities.Count == 0)
                throw new InvalidOperationException($"Import template {Code} left row {item.RowNumber} without an outcome.");
            var refusal = item.Rejection;
            if (refusal is null && !await MayWriteAllAsync(item, writable, cancellationToken))
                refusal = ("Bạn không có quyền ghi bản ghi này: nó thuộc đơn vị hoặc xã, phường ngoài phạm vi của bạn.", null);
            if (refusal is { } rejection)
            {
                var (message, columnKey) = rejection;
                Revert(item);
                var column = columnKey is null ? null : TypedColumns.FirstOrDefault(c => c.Key == columnKey);
                var letter = column is not null && run.Map.TryGetValue(column.Key, out var index) ? XlsxRows.ColumnName(index) : "";
                Reject(summary, run, [new ImportProblem(item.RowNumber, letter, column?.Header ?? "", "", message)]);
                continue;
            }
            var states = item.Entities.Select(e => db.Entry(e).State).ToList();
            if (states.Contains(EntityState.Added)) summary.Created++;
            else if (states.Any(s => s is EntityState.Modified or EntityState.Deleted)) summary.Updated++;
            else summary.Unchanged++;
        }
        if (run.Commit && CopiesNewRecords && run.MayCopy) await CopyInserts.SaveChangesAsync(db, cancellationToken);
        else if (run.Commit) await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        batch.Clear();
    }

    private async Task<bool> MayWriteAllAsync(ImportItem<TRow> item, Dictionary<ScopeOwner, bool> writable, CancellationToken cancellationToken)
    {
        foreach (var entity in item.Entities)
        {
            var entry = db.Entry(entity);
            if (entity is not IScopeOwned owned || entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            var owners = new List<ScopeOwner> { owned.Owner };
            if (entry.State != EntityState.Added && entry.OriginalValues.ToObject() is IScopeOwned original) owners.Add(original.Owner);
            foreach (var owner in owners)
            {
                if (!writable.TryGetValue(owner, out var may))
                    writable[owner] = may = await ScopeWriteGuard.MayWriteAsync(db, db.Scope, owner, cancellationToken);
                if (!may) return false;
            }
        }
        return true;
    }

    private void Revert(ImportItem<TRow> item)
    {
        foreach (var entity in item.Entities)
        {
            var entry = db.Entry(entity);
            if (entry.State == EntityState.Added) entry.State = EntityState.Detached;
            else if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                entry.CurrentValues.SetValues(entry.OriginalValues);
                entry.State = EntityState.Unchanged;
            }
        }
    }

    private static void Reject(ImportSummary summary, ImportRun run, IEnumerable<ImportProblem> problems)
    {
        summary.Rejected++;
        foreach (var problem in problems)
        {
            if (summary.Problems.Count < run.MaxProblems) summary.Problems.Add(problem);
            else summary.ProblemsNotKept++;
        }
    }

    private Dictionary<int, string> ExampleCells(ImportSample sample, IReadOnlyDictionary<string, int> map) =>
        sample.Examples.Where(e => map.ContainsKey(e.Key)).ToDictionary(e => map[e.Key], e => ImportText.Clean(e.Value));

    /// <summary>The template's example row, left in place: every mapped cell as in the example, nothing else filled.</summary>
    private static bool IsExample(ImportRecord record, Dictionary<int, string> example, HashSet<int> mapped) =>
        mapped.All(index => example.TryGetValue(index, out var text) ? record.Cell(index).Text == text : record.Cell(index).IsBlank);

    private static string Shorten(string text) => text.Length > 200 ? text[..197] + "..." : text;

    /// <summary>Merged ranges by row, for rows that arrive in order: each row asks only about the ranges open at it.</summary>
    private sealed class MergeSweep(IEnumerable<XlsxRange> ranges)
    {
        private readonly List<XlsxRange> _pending = ranges.OrderBy(r => r.FirstRow).ToList();
        private readonly List<XlsxRange> _open = [];
        private int _next;

        public XlsxRange? Covering(int row)
        {
            while (_next < _pending.Count && _pending[_next].FirstRow <= row) _open.Add(_pending[_next++]);
            _open.RemoveAll(r => r.LastRow < row);
            return _open.FirstOrDefault(r => r.FirstRow <= row);
        }
    }
}
