-- The app's own users; orgkit knows them only by id and verified email.
CREATE TABLE IF NOT EXISTS webapp_user (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    email         VARCHAR(254) NOT NULL UNIQUE,
    password_hash VARCHAR(100) NOT NULL,
    support       BOOLEAN      NOT NULL
);
