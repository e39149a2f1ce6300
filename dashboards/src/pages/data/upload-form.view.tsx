import {
  INGESTION_ENCODINGS,
  INGESTION_ENTITIES,
  INGESTION_FORMATS,
  type IngestionEncoding,
  type IngestionEntity,
  type IngestionFormat,
  type IngestionRunDto,
} from '@banca/contracts';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { useUploadIngestionMutation } from '../../ingestion/ingestion.queries';
import { checkMappingText, uploadFormData } from '../../ingestion/upload-form-data';

function oneOf<T extends string>(options: readonly T[], value: string): value is T {
  return (options as readonly string[]).includes(value);
}

/** A chosen mapping file, read and checked in the browser before anything is sent. */
type MappingChoice =
  | { state: 'none' }
  | { state: 'valid'; name: string; text: string; entity: IngestionEntity | undefined }
  | { state: 'invalid'; name: string; problems: string[] };

const DATA_FILE_TYPES = '.csv,.txt,.ndjson,.jsonl,.arrow,.arrows,.feather,text/csv,application/x-ndjson';

/** Sends one partner file to be loaded; the run it starts is then followed in the runs table. */
export function UploadForm({ onUploaded }: { onUploaded: (run: IngestionRunDto) => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const ids = { entity: useId(), file: useId(), mapping: useId(), mappingHelp: useId(), format: useId(), encoding: useId(), pseudonymized: useId() };
  const [entity, setEntity] = useState<IngestionEntity>(INGESTION_ENTITIES[0]);
  const [format, setFormat] = useState<IngestionFormat>('auto');
  const [encoding, setEncoding] = useState<IngestionEncoding>('auto');
  const [pseudonymized, setPseudonymized] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<MappingChoice>({ state: 'none' });
  const fileInput = useRef<HTMLInputElement>(null);
  const mappingInput = useRef<HTMLInputElement>(null);
  const upload = useUploadIngestionMutation();

  const mappingEntityConflict = mapping.state === 'valid' && mapping.entity !== undefined && mapping.entity !== entity;
  const canSubmit = file !== null && mapping.state !== 'invalid' && !mappingEntityConflict && !upload.isPending;

  const chooseMapping = async (chosen: File | undefined) => {
    if (!chosen) {
      setMapping({ state: 'none' });
      return;
    }
    const text = await chosen.text();
    const check = checkMappingText(text);
    if (!check.ok) {
      setMapping({ state: 'invalid', name: chosen.name, problems: check.problems });
      return;
    }
    setMapping({ state: 'valid', name: chosen.name, text, entity: check.mapping.entity });
    // A mapping written for one entity is for files of that entity: choose it for the user.
    if (check.mapping.entity) setEntity(check.mapping.entity);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file || !canSubmit) return;
    const fields = { entity, format, encoding: format === 'arrow' ? undefined : encoding, pseudonymized, mapping: mapping.state === 'valid' ? mapping.text : undefined };
    upload.mutate(uploadFormData(fields, file, file.name), {
      onSuccess: (run) => {
        setFile(null);
        setMapping({ state: 'none' });
        if (fileInput.current) fileInput.current.value = '';
        if (mappingInput.current) mappingInput.current.value = '';
        onUploaded(run);
      },
    });
  };

  return (
    <section className="card section" aria-labelledby={titleId}>
      <header className="section__header">
        <div>
          <h2 className="card__title" id={titleId}>
            {t('data.upload.title')}
          </h2>
          <p className="card__description">{t('data.upload.description')}</p>
        </div>
      </header>
      <form className="upload-form" onSubmit={submit} data-testid="upload-form">
        <div className="upload-form__row">
          <div className="field">
            <label htmlFor={ids.entity}>{t('data.upload.entity')}</label>
            <select
              id={ids.entity}
              className="select"
              value={entity}
              onChange={(event) => {
                if (oneOf(INGESTION_ENTITIES, event.target.value)) setEntity(event.target.value);
              }}
            >
              {INGESTION_ENTITIES.map((option) => (
                <option key={option} value={option}>
                  {t(`data.entities.${option}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field field--grow">
            <label htmlFor={ids.file}>{t('data.upload.file')}</label>
            <input
              ref={fileInput}
              id={ids.file}
              className="input input--file"
              type="file"
              required
              accept={DATA_FILE_TYPES}
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
          </div>
          <div className="field field--grow">
            <label htmlFor={ids.mapping}>{t('data.upload.mapping')}</label>
            <input
              ref={mappingInput}
              id={ids.mapping}
              className="input input--file"
              type="file"
              accept=".json,application/json"
              aria-describedby={ids.mappingHelp}
              aria-invalid={mapping.state === 'invalid' || mappingEntityConflict}
              onChange={(event) => void chooseMapping(event.target.files?.[0])}
            />
            <div id={ids.mappingHelp} className="field__help" data-testid="mapping-help">
              {mapping.state === 'none' && <span>{t('data.upload.mappingHint')}</span>}
              {mapping.state === 'valid' && !mappingEntityConflict && (
                <span className="field__ok">{t('data.upload.mappingValid', { file: mapping.name })}</span>
              )}
              {mappingEntityConflict && (
                <span className="field__error" role="alert">
                  {t('data.upload.mappingOtherEntity', { entity: t(`data.entities.${mapping.entity ?? entity}`) })}
                </span>
              )}
              {mapping.state === 'invalid' && (
                <span className="field__error" role="alert">
                  {t('data.upload.mappingInvalid', { file: mapping.name })}
                  <ul>
                    {mapping.problems.map((problem) => (
                      <li key={problem}>{problem}</li>
                    ))}
                  </ul>
                </span>
              )}
            </div>
          </div>
        </div>
        <div className="upload-form__row">
          <div className="field">
            <label htmlFor={ids.format}>{t('data.upload.format')}</label>
            <select
              id={ids.format}
              className="select select--narrow"
              value={format}
              onChange={(event) => {
                if (oneOf(INGESTION_FORMATS, event.target.value)) setFormat(event.target.value);
              }}
            >
              {INGESTION_FORMATS.map((option) => (
                <option key={option} value={option}>
                  {t(`data.formats.${option}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.encoding}>{t('data.upload.encoding')}</label>
            <select
              id={ids.encoding}
              className="select select--narrow"
              value={encoding}
              disabled={format === 'arrow'}
              onChange={(event) => {
                if (oneOf(INGESTION_ENCODINGS, event.target.value)) setEncoding(event.target.value);
              }}
            >
              {INGESTION_ENCODINGS.map((option) => (
                <option key={option} value={option}>
                  {t(`data.encodings.${option}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field field--check">
            <input id={ids.pseudonymized} type="checkbox" checked={pseudonymized} onChange={(event) => setPseudonymized(event.target.checked)} />
            <label htmlFor={ids.pseudonymized}>
              {t('data.upload.pseudonymized')}
              <span className="field__hint">{t('data.upload.pseudonymizedHint')}</span>
            </label>
          </div>
          <div className="upload-form__actions">
            <button type="submit" className="button button--primary" disabled={!canSubmit}>
              {upload.isPending ? t('data.upload.submitting') : t('data.upload.submit')}
            </button>
          </div>
        </div>
      </form>
      {upload.error && <ErrorMessage error={upload.error} title={t('data.upload.failed')} />}
      {upload.data && !upload.error && (
        <p className="notice" role="status" data-testid="upload-queued">
          {t('data.upload.queued', { file: upload.data.fileName })}
        </p>
      )}
    </section>
  );
}
