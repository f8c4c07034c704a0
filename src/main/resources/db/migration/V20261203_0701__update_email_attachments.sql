-- how many bytes of an update's files, in total, its email carries as attachments; the rest are linked
alter table general_case_settings add column max_update_email_attachment_bytes bigint default 10485760 not null;
