import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  contract,
  DISCLOSURE_KINDS,
  DISCLOSURE_TABLE_COLUMNS,
  DISCLOSURE_TYPES,
  findPersonalNumbers,
  maskPersonalNumbers,
  type DisclosureKind,
  type DisclosureType,
  type StaffAccount,
  type StaffDisclosure,
} from '@mashang/shared';
import { useState } from 'react';
import Field from '../../../components/Field';
import StatusView from '../../../components/StatusView';
import type { ApiState } from '../../../hooks/use-api';
import { call, routeUrl } from '../../../services/api';
import { isApiError } from '../../../services/http';
import { openSpreadsheet, pickSpreadsheet } from '../../../services/spreadsheet-files';
import { PERIOD_FORMS, type PeriodForm, type PeriodParts } from '../../../utils/period';
import Select from '../../components/Select';
import StaffBar from '../../components/StaffBar';
import { handledAuthError, useAccount, useStaffApi } from '../../hooks/use-staff-api';
import { problemText } from '../../problem';
import { staffUrl } from '../../utils';
import AttachmentsEditor from './attachments';
import {
  checkDraft,
  emptyState,
  NO_PROBLEMS,
  retype,
  sortProblems,
  stateOf,
  tableHasContent,
  usualPeriodForm,
  type EditorState,
  type Problems,
} from './form';
import '../../staff.scss';
import './index.scss';

/** Rows on one page of the hand-entry table: a 2,000-row import stays usable on an old phone. */
export const PAGE_ROWS = 20;

const KINDS = Object.entries(DISCLOSURE_KINDS) as [DisclosureKind, string][];
const TYPES = (Object.entries(DISCLOSURE_TYPES) as [DisclosureType, string][]).map(([value, label]) => ({ value, label }));
const QUARTERS = ['第一季度', '第二季度', '第三季度', '第四季度'];

function FieldError({ message, testId }: { message?: string; testId: string }) {
  if (!message) return null;
  return (
    <Text className='s-error' data-testid={`error-${testId}`}>
      {message}
    </Text>
  );
}

/** `today` is the server's China date: the years offered run from next year back to three years ago. */
function PeriodPicker({ value, today, onChange }: { value: PeriodParts; today: string; onChange: (p: PeriodParts) => void }) {
  const year = Number(today.slice(0, 4));
  const years = [year + 1, year, year - 1, year - 2, year - 3].map((y) => ({ value: String(y), label: `${y}年` }));
  const set = <K extends keyof PeriodParts>(key: K, v: PeriodParts[K]) => onChange({ ...value, [key]: v });
  return (
    <View data-testid='period'>
      <View className='s-chips'>
        {(Object.entries(PERIOD_FORMS) as [PeriodForm, string][]).map(([form, label]) => (
          <Text
            key={form}
            className={`s-chip${value.form === form ? ' s-chip--on' : ''}`}
            data-testid={`period-form-${form}`}
            onClick={() => set('form', form)}
          >
            {label}
          </Text>
        ))}
      </View>
      <View className='edit__period'>
        {value.form === 'date' ? (
          <View className='s-box edit__period-date'>
            <Input
              className='s-input'
              data-testid='period-date'
              value={value.date}
              maxlength={12}
              placeholder='例如 2026-10-08'
              onInput={(e) => set('date', e.detail.value)}
            />
          </View>
        ) : (
          <View className='edit__period-part'>
            <Select testId='period-year' options={years} value={value.year} placeholder='年份' onChange={(v) => set('year', v)} />
          </View>
        )}
        {value.form === 'month' && (
          <View className='edit__period-part'>
            <Select
              testId='period-month'
              options={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: `${i + 1}月` }))}
              value={value.month}
              placeholder='月份'
              onChange={(v) => set('month', v)}
            />
          </View>
        )}
        {value.form === 'quarter' && (
          <View className='edit__period-part'>
            <Select
              testId='period-quarter'
              options={QUARTERS.map((label, i) => ({ value: String(i + 1), label }))}
              value={value.quarter}
              placeholder='季度'
              onChange={(v) => set('quarter', v)}
            />
          </View>
        )}
      </View>
    </View>
  );
}

/**
 * The publisher's editor for a new disclosure or the open draft of one (a first draft, one sent back,
 * or a correction): what it is, the period, the text, and a table typed in or imported from the
 * type's Excel template. Every problem the server names is shown where it is: at the field, at the
 * cell, or, for a file that could not be imported, above the table.
 */
export default function DisclosureEditPage() {
  const account = useAccount();
  const { params } = useRouter();
  const paramId = Number(params.id);
  const editing = Number.isInteger(paramId) && paramId > 0;
  const publisher = account?.role === 'village_publisher';
  const loaded = useStaffApi(
    () => (publisher && editing ? call(contract.publishing.get, { params: { id: paramId } }) : null),
    [publisher, paramId],
  );
  // The server's China date, which the suggested period and the years offered count from, not the phone's clock
  // (a staff phone's can be months off). The overdue list answers it (asOf), for the publisher's own village.
  const served = useStaffApi(() => (publisher ? call(contract.publishing.overdue, {}) : null), [publisher]);

  if (!account) return <View className='staff' />;
  if (!publisher) {
    return (
      <View className='staff'>
        <StaffBar account={account} current='disclosure-edit' />
        <View className='s-card'>
          <Text className='s-text'>只有村报账员可以起草公开内容。</Text>
        </View>
      </View>
    );
  }
  const waiting = (api: ApiState<unknown> | null, note?: string) => (
    <View className='staff'>
      <StaffBar account={account} current='disclosure-edit' />
      {api && <StatusView loading={api.loading} error={api.error} onRetry={api.reload} />}
      {note && <Text className='s-text'>{note}</Text>}
    </View>
  );
  if (editing && !loaded.data) return waiting(loaded);
  if (editing && !loaded.data?.open) return waiting(null, '这条公开现在没有可以修改的稿子。');
  const today = served.data?.asOf;
  if (!today) return waiting(served);
  return <Editor account={account} today={today} draft={editing ? loaded.data : null} />;
}

/** The editor itself, once the server's date (and an open draft being edited) is in. */
function Editor({ account, today, draft }: { account: StaffAccount; today: string; draft: StaffDisclosure | null }) {
  const editing = !!draft;
  const [state, setState] = useState<EditorState>(() =>
    draft?.open ? stateOf(draft.kind, draft.type, draft.open, today) : emptyState(today),
  );
  const [disclosure, setDisclosure] = useState<StaffDisclosure | null>(draft);
  const [periodTouched, setPeriodTouched] = useState(editing);
  const [pendingType, setPendingType] = useState<DisclosureType | null>(null);
  const [page, setPage] = useState(0);
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [importProblems, setImportProblems] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<'import' | 'save' | 'submit' | 'template' | 'attach' | null>(null);

  const open = disclosure?.open ?? null;
  if (open && (open.action === 'withdraw' || !['draft', 'returned'].includes(open.status))) {
    return (
      <View className='staff'>
        <StaffBar account={account} current='disclosure-edit' />
        <View className='s-card' data-testid='not-editable'>
          <Text className='s-text'>{open.status === 'submitted' ? '这一稿已提交监委会会签，现在不能修改。' : '这一稿现在不能修改。'}</Text>
          <Text className='s-link' onClick={() => void Taro.redirectTo({ url: staffUrl('disclosure', { id: disclosure!.id }) })}>
            回到这条公开
          </Text>
        </View>
      </View>
    );
  }

  // What the disclosure is about is fixed once it was ever published: a correction changes its content only.
  const aboutFixed = !!disclosure && disclosure.status !== 'unpublished';
  const id = disclosure?.id ?? null;
  const pages = Math.max(1, Math.ceil(state.rows.length / PAGE_ROWS));
  const shownPage = Math.min(page, pages - 1);
  const firstRow = shownPage * PAGE_ROWS;
  const cellProblems = Object.keys(problems.cells).length;

  const change = (next: Partial<EditorState>, field?: keyof Problems['fields']) => {
    setState((s) => ({ ...s, ...next }));
    setNotice(null);
    if (field) setProblems((p) => ({ ...p, fields: { ...p.fields, [field]: undefined } }));
  };

  const chooseType = (type: DisclosureType, confirmed = false) => {
    if (type === state.type) return;
    const columnsChange = state.columns.join('|') !== DISCLOSURE_TABLE_COLUMNS[type].join('|');
    if (!confirmed && columnsChange && tableHasContent(state)) {
      setPendingType(type);
      return;
    }
    setPendingType(null);
    setState((s) => {
      const next = retype(s, type);
      return periodTouched ? next : { ...next, period: { ...next.period, form: usualPeriodForm(type) } };
    });
    setProblems((p) => ({ ...p, fields: { ...p.fields, type: undefined }, cells: {} }));
    setImportProblems([]);
    setPage(0);
  };

  const setCell = (r: number, c: number, value: string) => {
    setState((s) => ({ ...s, rows: s.rows.map((row, i) => (i === r ? row.map((cell, j) => (j === c ? value : cell)) : row)) }));
    setProblems((p) => {
      if (!p.cells[`${r}.${c}`]) return p;
      const cells = { ...p.cells };
      delete cells[`${r}.${c}`];
      return { ...p, cells };
    });
  };

  const addRow = () => {
    setState((s) => ({ ...s, rows: [...s.rows, s.columns.map(() => '')] }));
    setPage(Math.floor(state.rows.length / PAGE_ROWS));
  };

  const removeRow = (r: number) => {
    setState((s) => ({ ...s, rows: s.rows.filter((_, i) => i !== r) }));
    // Problems were named by row: the rows below moved up, so let the next save name them again.
    setProblems((p) => ({ ...p, cells: {} }));
  };

  /** Shows problems and turns to the page of the first refused cell. */
  const show = (next: Problems) => {
    setProblems(next);
    const first = Object.keys(next.cells)
      .map((key) => Number(key.split('.')[0]))
      .sort((a, b) => a - b)[0];
    if (first !== undefined) setPage(Math.floor(first / PAGE_ROWS));
  };

  const importFile = async () => {
    if (busy) return;
    setNotice(null);
    if (!state.type) {
      setImportProblems(['请先选择事项类型，再导入这一类的表格']);
      return;
    }
    const picked = await pickSpreadsheet();
    if (!picked) return;
    if ('problem' in picked) {
      setImportProblems([picked.problem]);
      return;
    }
    setBusy('import');
    setImportProblems([]);
    try {
      const { table } = await call(contract.publishing.importTable, {
        body: { type: state.type, format: picked.file.format, file: picked.file.base64 },
      });
      const replaced = tableHasContent(state);
      setState((s) => ({ ...s, columns: table.columns, rows: table.rows }));
      setProblems((p) => ({ ...p, cells: {}, fields: { ...p.fields, table: undefined } }));
      setPage(0);
      setNotice(`已从「${picked.file.name}」导入 ${table.rows.length} 行${replaced ? '，原来的表格已替换' : ''}。请核对后保存。`);
    } catch (e) {
      if (handledAuthError(e)) return;
      if (isApiError(e) && (e.code === 'SPREADSHEET_INVALID' || e.code === 'VALIDATION_FAILED') && e.details.length) {
        setImportProblems(e.details.map((d) => d.message));
      } else {
        setImportProblems([problemText(e)]);
      }
    } finally {
      setBusy(null);
    }
  };

  const downloadTemplate = async () => {
    if (busy || !state.type) return;
    setBusy('template');
    try {
      await openSpreadsheet(
        routeUrl(contract.publishing.template, { params: { type: state.type } }),
        `${DISCLOSURE_TYPES[state.type]}模板.xlsx`,
        true,
      );
    } catch (e) {
      if (!handledAuthError(e)) setImportProblems([`模板没有下载成功：${problemText(e)}`]);
    } finally {
      setBusy(null);
    }
  };

  const save = async (thenSubmit: boolean) => {
    if (busy) return;
    setNotice(null);
    const checked = checkDraft(state);
    if (!checked.ok) {
      show({ ...checked.problems, form: checked.problems.form ?? '还有没填好的地方，请按红字修改' });
      return;
    }
    setBusy(thenSubmit ? 'submit' : 'save');
    setProblems(NO_PROBLEMS);
    let saved: StaffDisclosure | null = null;
    try {
      saved = id
        ? await call(contract.publishing.saveDraft, { params: { id }, body: checked.draft })
        : await call(contract.publishing.create, { body: checked.draft });
      setDisclosure(saved);
      if (!thenSubmit) {
        setNotice('草稿已保存。要公开，请点「保存并提交会签」。');
        return;
      }
      await call(contract.publishing.submit, { params: { id: saved.id } });
      await Taro.redirectTo({ url: staffUrl('disclosure', { id: saved.id }) });
    } catch (e) {
      if (handledAuthError(e)) return;
      if (isApiError(e) && (e.code === 'PERSONAL_NUMBER_UNMASKED' || e.code === 'VALIDATION_FAILED') && e.details.length) {
        show(sortProblems(e.details, checked.sentRows, e.message));
      } else if (isApiError(e) && e.code === 'PAYLOAD_TOO_LARGE') {
        show({ ...NO_PROBLEMS, form: `表格有 ${checked.sentRows.length} 行，一次保存不下，这次没有保存。请把名单分成几份公开。` });
      } else {
        show({ ...NO_PROBLEMS, form: saved ? `草稿已保存，但提交没有成功：${problemText(e)}` : problemText(e) });
      }
    } finally {
      setBusy(null);
    }
  };

  const rowsShown = state.rows.slice(firstRow, firstRow + PAGE_ROWS);
  return (
    <View className='staff edit'>
      <StaffBar account={account} current='disclosure-edit' />
      <Text className='s-h1'>
        {!disclosure ? '起草新的公开' : open?.action === 'correct' ? `更正（第${open.versionNo}版）` : '修改稿子'}
      </Text>
      {open?.reason && <Text className='s-text edit__reason'>更正原因：{open.reason}</Text>}
      {open?.reviewComment && open.status === 'returned' && (
        <Text className='s-text edit__returned' data-testid='return-comment'>
          监委会退回意见：{open.reviewComment}
        </Text>
      )}

      <View className='s-card'>
        <Text className='s-label'>公开类别</Text>
        {aboutFixed ? (
          <Text className='s-text'>{DISCLOSURE_KINDS[state.kind!]}</Text>
        ) : (
          <View className='s-chips'>
            {KINDS.map(([key, label]) => (
              <Text
                key={key}
                className={`s-chip${state.kind === key ? ' s-chip--on' : ''}`}
                data-testid={`kind-${key}`}
                onClick={() => change({ kind: key }, 'kind')}
              >
                {label}
              </Text>
            ))}
          </View>
        )}
        <FieldError message={problems.fields.kind} testId='kind' />

        <Text className='s-label'>事项类型</Text>
        {aboutFixed ? (
          <Text className='s-text'>{DISCLOSURE_TYPES[state.type!]}</Text>
        ) : (
          <Select
            testId='type'
            options={TYPES}
            value={state.type ?? ''}
            placeholder='请选择事项类型'
            onChange={(v) => chooseType(v as DisclosureType)}
          />
        )}
        {pendingType && (
          <View className='s-warning' data-testid='type-confirm'>
            <Text className='s-text'>
              换成「{DISCLOSURE_TYPES[pendingType]}」后表格的列会变：列名相同的内容保留，其余的清空。确定要换吗？
            </Text>
            <Text className='s-btn s-btn--primary' data-testid='type-confirm-yes' onClick={() => chooseType(pendingType, true)}>
              换类型
            </Text>
            <Text className='s-btn' data-testid='type-confirm-no' onClick={() => setPendingType(null)}>
              不换
            </Text>
          </View>
        )}
        <FieldError message={problems.fields.type} testId='type' />

        <Field
          tone='staff'
          id='disclosure-title'
          label='标题'
          value={state.title}
          maxlength={100}
          placeholder='例如：2026年耕地地力保护补贴发放名单'
          onInput={(v) => change({ title: v }, 'title')}
          testId='title'
        />
        <FieldError message={problems.fields.title} testId='title' />

        <Text className='s-label'>公开期间</Text>
        <PeriodPicker
          value={state.period}
          today={today}
          onChange={(period) => {
            setPeriodTouched(true);
            change({ period }, 'period');
          }}
        />
        <FieldError message={problems.fields.period} testId='period' />

        <Field
          tone='staff'
          id='disclosure-body'
          label='正文（可不填）'
          multiline
          value={state.body}
          maxlength={20000}
          placeholder='说明依据、标准、公示期和反映问题的办法'
          onInput={(v) => change({ body: v }, 'body')}
          testId='body'
        />
        <FieldError message={problems.fields.body} testId='body' />
      </View>

      <View className='s-card' data-testid='table-editor'>
        <Text className='s-h2'>表格</Text>
        {!state.type ? (
          <Text className='s-muted'>先选择事项类型，表格按这一类的模板列出。</Text>
        ) : (
          <View>
            <Text className='s-muted'>列：{state.columns.join('、')}</Text>
            {state.columns.some((c) => c.includes('身份证')) && (
              <Text className='s-muted edit__id-note'>
                身份证号填完整的18位，公开时自动遮挡（如 3418**********1234）；完整号码只用于村民“码上查”核对，不会公开。
              </Text>
            )}
            <View className='edit__tools'>
              <Text
                className={`s-btn s-btn--primary${busy === 'import' ? ' s-btn--disabled' : ''}`}
                data-testid='import-button'
                onClick={() => void importFile()}
              >
                {busy === 'import' ? '正在导入……' : '从 Excel 或 CSV 导入'}
              </Text>
              <Text className='s-btn' data-testid='add-row' onClick={addRow}>
                ＋ 添加一行
              </Text>
              {state.rows.length > 0 && (
                <Text className='s-btn' data-testid='clear-table' onClick={() => change({ rows: [] })}>
                  清空表格
                </Text>
              )}
            </View>
            <Text className='s-link edit__template' data-testid='template-link' onClick={() => void downloadTemplate()}>
              {busy === 'template' ? '正在下载模板……' : `下载「${DISCLOSURE_TYPES[state.type]}」Excel 模板`}
            </Text>
          </View>
        )}

        {importProblems.length > 0 && (
          <View className='s-warning' data-testid='import-errors'>
            <Text className='s-warning__title'>
              {importProblems.length > 1 ? `文件有 ${importProblems.length} 处要改，改好后重新导入（表格没有变）：` : '没有导入：'}
            </Text>
            {importProblems.map((m, i) => (
              <Text key={i} className='s-text' data-testid='import-error'>
                {m}
              </Text>
            ))}
          </View>
        )}
        <FieldError message={problems.fields.table} testId='table' />
        {cellProblems > 0 && (
          <Text className='s-error' data-testid='cell-problems-count'>
            表格里有 {cellProblems} 处要改，已在格子下面用红字标出。
          </Text>
        )}
        {notice && (
          <Text className='s-ok' data-testid='notice'>
            {notice}
          </Text>
        )}

        {rowsShown.map((row, i) => {
          const r = firstRow + i;
          return (
            <View key={r} className='edit__row' data-testid='edit-row'>
              <View className='edit__row-head'>
                <Text className='edit__row-no'>第 {r + 1} 行</Text>
                <Text className='s-link edit__remove' data-testid='remove-row' onClick={() => removeRow(r)}>
                  删除这一行
                </Text>
              </View>
              <View className='edit__cells'>
                {state.columns.map((column, c) => {
                  const problem = problems.cells[`${r}.${c}`];
                  const maskable = !!problem && findPersonalNumbers(row[c] ?? '').length > 0;
                  return (
                    <View key={c} className='edit__cell'>
                      <Text className='edit__cell-label'>{column}</Text>
                      <View className={`s-box${problem ? ' edit__box--bad' : ''}`}>
                        <Input
                          className='s-input'
                          data-testid={`cell-${r}-${c}`}
                          value={row[c] ?? ''}
                          maxlength={500}
                          onInput={(e) => setCell(r, c, e.detail.value)}
                        />
                      </View>
                      {problem && (
                        <Text className='s-error' data-testid={`cell-error-${r}-${c}`}>
                          {problem}
                        </Text>
                      )}
                      {maskable && (
                        <Text
                          className='s-btn'
                          data-testid={`cell-mask-${r}-${c}`}
                          onClick={() => setCell(r, c, maskPersonalNumbers(row[c] ?? ''))}
                        >
                          改为遮挡形式
                        </Text>
                      )}
                    </View>
                  );
                })}
              </View>
            </View>
          );
        })}

        {pages > 1 && (
          <View className='edit__pager' data-testid='pager'>
            <Text
              className={`s-btn${shownPage === 0 ? ' s-btn--disabled' : ''}`}
              data-testid='page-prev'
              onClick={() => setPage(Math.max(0, shownPage - 1))}
            >
              上一页
            </Text>
            <Text className='s-text'>
              第 {shownPage + 1} / {pages} 页（共 {state.rows.length} 行）
            </Text>
            <Text
              className={`s-btn${shownPage >= pages - 1 ? ' s-btn--disabled' : ''}`}
              data-testid='page-next'
              onClick={() => setPage(Math.min(pages - 1, shownPage + 1))}
            >
              下一页
            </Text>
          </View>
        )}
      </View>

      <AttachmentsEditor
        disclosure={disclosure}
        busy={busy !== null}
        onBusy={(on) => setBusy(on ? 'attach' : null)}
        onChange={setDisclosure}
      />

      {problems.form && (
        <Text className='s-error' data-testid='form-error'>
          {problems.form}
        </Text>
      )}
      <View className='edit__actions'>
        <Text className={`s-btn edit__big${busy === 'save' ? ' s-btn--disabled' : ''}`} data-testid='save' onClick={() => void save(false)}>
          {busy === 'save' ? '正在保存……' : '保存草稿'}
        </Text>
        <Text
          className={`s-btn s-btn--primary edit__big${busy === 'submit' ? ' s-btn--disabled' : ''}`}
          data-testid='save-submit'
          onClick={() => void save(true)}
        >
          {busy === 'submit' ? '正在提交……' : '保存并提交会签'}
        </Text>
      </View>
      <Text className='s-muted'>提交后由村务监督委员会会签，会签后才向村民公开。</Text>
    </View>
  );
}
