# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
WORKDIR C:\app
COPY package*.json ./
RUN npm ci `
    --no-audit
COPY . .
