-- web: the owner allowed remote images and styles for one message, or for everything from one sender
create table remote_content_allowances (
    scope      varchar(10)   not null,
    target     varchar(1000) not null,
    allowed_at timestamp with time zone not null,
    primary key (scope, target)
);
